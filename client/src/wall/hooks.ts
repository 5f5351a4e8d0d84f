import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * How many rows of `rowRem` rem fit in the element: lists on the wall show what fits and say how
 * many more there are, instead of scrolling (a wall has no scrollbars).
 */
export function useFitCount<T extends HTMLElement>(rowRem: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [count, setCount] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setCount(Math.max(0, Math.floor(el.clientHeight / (rowRem * rem))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [rowRem]);
  return [ref, count];
}

/**
 * For lists whose rows wrap (names are never cut, so a row may take two lines): how many of the
 * list's rows, from the top, are wholly inside it. The caller renders every candidate row and hides
 * (`visibility: hidden`) those from this index on, so measuring never changes the layout; measured
 * again after every render with a new `key` and whenever the list is resized.
 */
export function useFitRows<T extends HTMLElement>(key: unknown): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [count, setCount] = useState(0);
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const bottom = el.getBoundingClientRect().top + el.clientHeight + 0.5;
    let n = 0;
    for (const child of Array.from(el.children)) {
      if (child.getBoundingClientRect().bottom > bottom) break;
      n++;
    }
    setCount(n);
  }, []);
  useLayoutEffect(measure, [key, measure]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // Rows change height once the web fonts are in.
    void document.fonts?.ready.then(measure);
    return () => observer.disconnect();
  }, [measure]);
  return [ref, count];
}
