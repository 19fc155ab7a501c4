import { useSearchParams } from 'react-router';

/**
 * The URL's query as a screen's filter state (a reload or a shared link keeps it): `set` writes one
 * key, an empty value removes it, and the history entry is replaced, not pushed.
 */
export function useSearchParamState() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return [params, set] as const;
}
