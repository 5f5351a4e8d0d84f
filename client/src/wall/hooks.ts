import { useEffect, useRef, useState, type RefObject } from 'react';

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
