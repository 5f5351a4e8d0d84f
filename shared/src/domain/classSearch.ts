import type { CaseClass } from './catalogue.ts';

/** The fields a class search reads. */
export type SearchableClass = Pick<CaseClass, 'code' | 'name' | 'major'> & Partial<Pick<CaseClass, 'nameEn' | 'majorEn'>>;

/** Comparable text: full-width letters and digits as ASCII (Chinese input methods type them), lower case. */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** English words of a text: runs of letters and digits (`e-bike` is `e`, `bike`; `Dong'an` is `dongan`). */
const wordsOf = (s: string): string[] =>
  fold(s)
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Does a query word start a word of the class (`manhole` starts `manhole`; `lights` finds `light`)? */
function startsAWord(word: string, words: readonly string[]): boolean {
  const singular = word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : null;
  return words.some((w) => w.startsWith(word) || (singular !== null && w === singular));
}

/**
 * Does a case class match what a user typed in the class search? Empty matches everything.
 * - Chinese (and the code): the text appears in the name, the major class or the code (`垃圾`,
 *   `市容`, `e0101`), or its characters appear in the name in order (`暴垃` → 暴露垃圾);
 * - English: every word typed starts a word of the English name or major class, in any order and
 *   any case (`manhole` → 井盖缺失, `rubbish` → 暴露垃圾 and 垃圾箱, `parking bike`).
 */
export function matchClass(cls: SearchableClass, query: string): boolean {
  const q = fold(query).trim();
  if (!q) return true;
  if (fold(`${cls.name} ${cls.major} ${cls.code}`).includes(q)) return true;
  let i = 0;
  for (const ch of fold(cls.name)) if (ch === q[i]) i++;
  if (i === q.length) return true;
  const typed = wordsOf(q);
  if (typed.length === 0) return false;
  const words = wordsOf(`${cls.nameEn ?? ''} ${cls.majorEn ?? ''}`);
  return words.length > 0 && typed.every((w) => startsAWord(w, words));
}
