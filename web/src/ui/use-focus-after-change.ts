import { useEffect, useRef } from 'react';

/**
 * Keeps keyboard focus on the control that moved a row. A row drawn in a new place (another
 * parent, another position) may be a new element; once `rows` changed, the element with the
 * remembered id gets focus back.
 */
export function useFocusAfterChange(rows: unknown) {
  const pending = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the rows are the trigger (drawn anew), not an input
  useEffect(() => {
    if (!pending.current) return;
    const control = document.getElementById(pending.current);
    if (control && document.activeElement !== control) control.focus();
    pending.current = null;
  }, [rows]);
  return (id: string) => {
    pending.current = id;
  };
}
