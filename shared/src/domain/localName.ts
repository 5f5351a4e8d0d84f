/**
 * Names in the reader's language. Reference data (classes, departments, streets, communities,
 * grids) carries its Chinese name and, optionally, an English one; an imported district without
 * English names still reads, in Chinese, on English screens.
 */

/** The languages screens speak; the same list as the client's. */
export type NameLang = 'zh-CN' | 'en';

/** `nameEn` on English screens when there is one, else `name`. */
export function localName(x: { name: string; nameEn?: string | undefined }, lang: NameLang): string {
  return lang === 'en' && x.nameEn ? x.nameEn : x.name;
}

/** A class's major class (大类) in the reader's language. */
export function localMajor(c: { major: string; majorEn?: string | undefined }, lang: NameLang): string {
  return lang === 'en' && c.majorEn ? c.majorEn : c.major;
}

/**
 * A department's name for tight spaces (a wall tile, a table column): its short name in the
 * reader's language, else its full name in that language, else the Chinese short or full name.
 */
export function localShortName(
  d: { name: string; nameEn?: string | undefined; shortName?: string | undefined; shortNameEn?: string | undefined },
  lang: NameLang,
): string {
  if (lang === 'en') return d.shortNameEn || d.nameEn || d.shortName || d.name;
  return d.shortName || d.name;
}
