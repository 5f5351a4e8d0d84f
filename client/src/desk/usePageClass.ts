import { useEffect } from 'react';

/**
 * Puts a class on <html> while the page is shown. The base stylesheet sizes type for a wall (1rem
 * grows with the screen); desks and phones set their own root size with it.
 */
export function usePageClass(name: string): void {
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add(name);
    return () => root.classList.remove(name);
  }, [name]);
}
