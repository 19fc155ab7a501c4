/**
 * A push-fed async iterable for one subscriber: `push` queues a value, `end` finishes the stream once
 * the queue is drained. A consumer that stops early (the transport's `return()`) runs `onClose`
 * once, as does `end`, so whoever registered the subscriber can forget it.
 */
export interface Channel<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
  end(): void;
  readonly closed: boolean;
}

export function createChannel<T>(onClose: () => void = () => {}): Channel<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let ending = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  const channel: Channel<T> = {
    get closed() {
      return closed || ending;
    },
    push(value) {
      if (closed || ending) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value, done: false });
      } else queue.push(value);
    },
    end() {
      ending = true;
      if (waiting && queue.length === 0) {
        const resolve = waiting;
        waiting = null;
        close();
        resolve(done());
      }
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (ending || closed) {
        close();
        return Promise.resolve(done());
      }
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      queue.length = 0;
      ending = true;
      close();
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve(done());
      }
      return Promise.resolve(done());
    },
    [Symbol.asyncIterator]() {
      return channel;
    },
  };
  return channel;
}
