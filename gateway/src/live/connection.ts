/** One transport connection's open subscriptions, and what happens when it has had none for `idleMs`. */
export interface ConnectionState {
  readonly open: number;
  opened(): void;
  closed(): void;
  dispose(): void;
}

export function connectionState(idleMs: number | null, onIdle: () => void = () => {}): ConnectionState {
  let open = 0;
  let timer: NodeJS.Timeout | null = null;
  const stopIdle = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const startIdle = () => {
    if (idleMs === null) return;
    stopIdle();
    timer = setTimeout(onIdle, idleMs);
    timer.unref();
  };
  startIdle();
  return {
    get open() {
      return open;
    },
    opened() {
      open += 1;
      stopIdle();
    },
    closed() {
      open -= 1;
      if (open === 0) startIdle();
    },
    dispose: stopIdle,
  };
}
