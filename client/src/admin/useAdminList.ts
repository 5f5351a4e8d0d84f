import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { isUnauthorized } from '../api/http.ts';
import { useAdminI18n } from '../i18n/admin.ts';

/**
 * A list an admin section loads on mount, with the section's error line: `fail` turns any error
 * into that line (and a 401 into the sign-in prompt), `load` reloads.
 */
export function useAdminList<T>(
  loader: () => Promise<T[]>,
  onUnauthorized: () => void,
): {
  items: T[] | null;
  setItems: Dispatch<SetStateAction<T[] | null>>;
  error: string | null;
  setError: Dispatch<SetStateAction<string | null>>;
  fail: (err: unknown) => void;
  load: () => void;
} {
  const { ta } = useAdminI18n();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback(
    (err: unknown) => {
      if (isUnauthorized(err)) onUnauthorized();
      setError(ta('admin.failed', { message: err instanceof Error ? err.message : String(err) }));
    },
    [onUnauthorized, ta],
  );
  const load = useCallback(() => {
    loader().then((list) => {
      setItems(list);
      setError(null);
    }, fail);
  }, [fail, loader]);
  useEffect(load, [load]);
  return { items, setItems, error, setError, fail, load };
}
