import type { Page } from 'playwright-core';

/** One piece of text a person cannot read in full. */
export interface CutText {
  /**
   * `overflow`: the element clips its own text (ellipsis, overflow hidden/clip, line clamp);
   * `clipped`: a line of text runs past the box of an ancestor that clips;
   * `mid-word`: an English word or a number is split across two lines;
   * `field`: an input's value or placeholder is wider than the input.
   */
  kind: 'overflow' | 'clipped' | 'mid-word' | 'field';
  /** A CSS path to the element (tag, test id, id, first classes). */
  path: string;
  /** The text concerned (the word, for `mid-word`), at most 80 characters. */
  text: string;
  /** Sizes in CSS pixels: what the text needs against what it got. */
  detail: string;
}

export interface TextFitOptions {
  /** Subtrees to leave out (e.g. a map's own canvas controls). */
  ignore?: string[];
}

/**
 * Runs in the page (serialised by Playwright, so it uses nothing from outside its body): every
 * visible piece of text that is cut, judged from element geometry.
 *
 * - an element with text of its own whose overflow is hidden/clipped (or ends in an ellipsis)
 *   and whose content is wider or taller than its box (scrollWidth/scrollHeight, 1 px slack);
 * - a text node one of whose lines is partly outside the box of an ancestor that clips it (a
 *   line entirely outside is hidden on purpose, e.g. a carousel's other slides, and not counted);
 * - an English word or a number (97.3%, 2026-000123, 10:00) whose characters sit on more than
 *   one line. Chinese may break between any two characters; English may break at spaces, and
 *   after a hyphen or slash between letters;
 * - a text input whose value (or placeholder, when empty) is wider than its content box.
 */
export function findCutText(opts: TextFitOptions = {}): CutText[] {
  const ignore = (opts.ignore ?? []).join(',');
  const out: CutText[] = [];
  const seen = new Set<string>();
  const clipsX = (s: CSSStyleDeclaration) => s.overflowX === 'hidden' || s.overflowX === 'clip';
  const clipsY = (s: CSSStyleDeclaration) => s.overflowY === 'hidden' || s.overflowY === 'clip';
  const scrollsX = (s: CSSStyleDeclaration) => s.overflowX === 'auto' || s.overflowX === 'scroll';
  const scrollsY = (s: CSSStyleDeclaration) => s.overflowY === 'auto' || s.overflowY === 'scroll';
  const short = (t: string) => {
    const one = t.replace(/\s+/g, ' ').trim();
    return one.length > 80 ? `${one.slice(0, 79)}…` : one;
  };
  const px = (n: number) => Math.round(n * 10) / 10;

  const pathOf = (el: Element): string => {
    if (el === document.documentElement) return 'the viewport';
    const parts: string[] = [];
    let e: Element | null = el;
    while (e && e !== document.documentElement && parts.length < 6) {
      let p = e.tagName.toLowerCase();
      const testId = e.getAttribute('data-testid');
      if (testId) p += `[data-testid="${testId}"]`;
      else if (e.id) p += `#${e.id}`;
      else {
        const cls = Array.from(e.classList).slice(0, 2);
        if (cls.length) p += `.${cls.join('.')}`;
      }
      parts.unshift(p);
      if (testId || e.id) break;
      e = e.parentElement;
    }
    return parts.join(' > ');
  };
  const report = (c: CutText) => {
    const key = `${c.kind}|${c.path}|${c.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };

  // Hidden, ignored and screen-reader-only subtrees are no one's reading matter.
  const hiddenCache = new Map<Element, boolean>();
  const isHidden = (el: Element): boolean => {
    const cached = hiddenCache.get(el);
    if (cached !== undefined) return cached;
    let hidden = false;
    if (ignore && el.matches(ignore)) hidden = true;
    else if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) hidden = true;
    else {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const srOnly = (s.clip !== 'auto' && s.clip !== '') || (s.position === 'absolute' && r.width <= 1 && r.height <= 1);
      if (srOnly) hidden = true;
      else if (el.parentElement) hidden = isHidden(el.parentElement);
    }
    hiddenCache.set(el, hidden);
    return hidden;
  };

  /** The ancestors that clip `el` on each axis, honouring absolute and fixed positioning. */
  const clippersOf = (el: Element): { el: Element; x: boolean; y: boolean }[] => {
    const found: { el: Element; x: boolean; y: boolean }[] = [];
    let openX = true;
    let openY = true;
    let escape: 'absolute' | 'fixed' | null = null;
    let a = el.parentElement;
    const own = getComputedStyle(el).position;
    if (own === 'absolute' || own === 'fixed') escape = own;
    while (a && (openX || openY)) {
      const s = getComputedStyle(a);
      const containsFixed = s.transform !== 'none' || s.filter !== 'none' || /paint|layout|strict|content/.test(s.contain);
      const containsAbs = s.position !== 'static' || containsFixed;
      const isContainingBlock = escape === null || (escape === 'absolute' ? containsAbs : containsFixed);
      if (isContainingBlock) {
        const root = a === document.documentElement || a === document.body;
        const x = openX && clipsX(s);
        const y = openY && clipsY(s);
        if (x || y) found.push({ el: root ? document.documentElement : a, x, y });
        // Past a scroll container the text is reachable by scrolling: outer clips judge the container.
        if (scrollsX(s) || x) openX = false;
        if (scrollsY(s) || y) openY = false;
        escape = s.position === 'absolute' || s.position === 'fixed' ? (s.position as 'absolute' | 'fixed') : null;
      }
      a = a.parentElement;
    }
    return found;
  };
  const boxOf = (el: Element): DOMRect => {
    if (el === document.documentElement) return new DOMRect(0, 0, window.innerWidth, window.innerHeight);
    // The padding box: what overflow clips to.
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const bl = parseFloat(s.borderLeftWidth) || 0;
    const bt = parseFloat(s.borderTopWidth) || 0;
    return new DOMRect(r.left + bl, r.top + bt, el.clientWidth || r.width, el.clientHeight || r.height);
  };

  const contentRange = (el: Element) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    return r;
  };

  // (a) elements that clip their own text.
  const overflowed = new Set<Element>();
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el instanceof SVGElement || el.tagName === 'CANVAS' || isHidden(el)) continue;
    const s = getComputedStyle(el);
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    const ellipsis = s.textOverflow === 'ellipsis' && clipsX(s);
    if (!ownText && !ellipsis) continue;
    if (!(el.textContent ?? '').trim()) continue;
    const wide = clipsX(s) && el.scrollWidth > el.clientWidth + 1;
    // Chromium counts the font's descent below a short line box as overflow: that much is no cut line.
    const lh = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2;
    const glyphs = Math.max(0, ...Array.from(contentRange(el).getClientRects(), (r) => r.height));
    const tall = clipsY(s) && el.scrollHeight > el.clientHeight + 1 + Math.max(0, (glyphs - lh) / 2);
    if (!wide && !tall) continue;
    overflowed.add(el);
    report({
      kind: 'overflow',
      path: pathOf(el),
      text: short(el.textContent ?? ''),
      detail: `needs ${el.scrollWidth}×${el.scrollHeight}, box ${el.clientWidth}×${el.clientHeight}`,
    });
  }

  // (b) and (c): each text node's lines.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const word = /[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F%]|[.,:'’_](?=[A-Za-z0-9\u00C0-\u024F])|(?<=[0-9])[-/](?=[0-9]))*/g;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    const parent = text.parentElement;
    if (!parent || !text.data.trim() || isHidden(parent)) continue;
    if (parent.closest('script,style,noscript,textarea,option')) continue;
    range.selectNodeContents(text);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0.5 && r.height > 0.5);
    if (!rects.length) continue;
    const ps = getComputedStyle(parent);
    const fontSize = parseFloat(ps.fontSize);
    const lineHeight = parseFloat(ps.lineHeight) || fontSize * 1.2;

    // (b) a line partly outside a clipping ancestor (one already reported for its own text is not repeated).
    const clippers = clippersOf(parent);
    for (const c of clippers) {
      if (overflowed.has(c.el) || (c.el === parent && overflowed.has(parent))) continue;
      const box = boxOf(c.el);
      let inside = 0;
      let outside = 0;
      let partly: DOMRect | null = null;
      for (const r of rects) {
        // The em box, not the fonts' ascent and descent: a content area may be taller than its line,
        // and lopsided where Latin and Chinese fonts share a line.
        const mid = (r.top + r.bottom) / 2;
        const half = Math.min(r.height, fontSize) / 2;
        const top = mid - half;
        const bottom = mid + half;
        const outX = c.x && (r.left < box.left - 1 || r.right > box.right + 1);
        const outY = c.y && (top < box.top - 1 || bottom > box.bottom + 1);
        const awayX = c.x && (r.right <= box.left + 1 || r.left >= box.right - 1);
        const awayY = c.y && (bottom <= box.top + 1 || top >= box.bottom - 1);
        if (awayX || awayY) outside++;
        else if (outX || outY) {
          partly ??= r;
          outside++;
        } else inside++;
      }
      if (partly || (inside > 0 && outside > 0)) {
        const r = partly ?? rects.find((x) => x.bottom > box.bottom || x.right > box.right) ?? rects[rects.length - 1]!;
        report({
          kind: 'clipped',
          path: pathOf(parent),
          text: short(text.data),
          detail: `line ${px(r.left)},${px(r.top)} ${px(r.width)}×${px(r.height)} outside ${pathOf(c.el)} box ${px(box.left)},${px(box.top)} ${px(box.width)}×${px(box.height)}`,
        });
        break;
      }
    }

    // (c) a word on two lines. A node on one line cannot split a word.
    const tops = rects.map((r) => r.top);
    if (Math.max(...tops) - Math.min(...tops) < lineHeight / 2) continue;
    for (const m of text.data.matchAll(word)) {
      if (m[0].length < 2) continue;
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      const wr = Array.from(range.getClientRects()).filter((r) => r.width > 0.5);
      if (wr.length < 2) continue;
      const wt = wr.map((r) => r.top);
      if (Math.max(...wt) - Math.min(...wt) < Math.min(...wr.map((r) => r.height)) / 2) continue;
      report({
        kind: 'mid-word',
        path: pathOf(parent),
        text: m[0],
        detail: `split over ${new Set(wt.map(Math.round)).size} lines in "${short(text.data)}" (box ${px(parent.getBoundingClientRect().width)} wide)`,
      });
    }
  }

  // Inputs: the value (or the placeholder) against the content box.
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d')!;
  for (const el of Array.from(document.querySelectorAll('input'))) {
    if (!/^(text|search|email|tel|url|number|password|)$/.test(el.type) || isHidden(el)) continue;
    const shown = el.value || el.placeholder;
    if (!shown) continue;
    const s = getComputedStyle(el);
    g.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const need = g.measureText(el.type === 'password' && el.value ? '•'.repeat(el.value.length) : shown).width;
    const room = el.clientWidth - (parseFloat(s.paddingLeft) || 0) - (parseFloat(s.paddingRight) || 0);
    if (need > room + 1)
      report({ kind: 'field', path: pathOf(el), text: short(shown), detail: `needs ${px(need)} px, has ${px(room)} px` });
  }
  return out;
}

/** {@link findCutText} on `page`. */
export function cutTextOn(page: Page, opts: TextFitOptions = {}): Promise<CutText[]> {
  return page.evaluate(findCutText, opts);
}

/** One line per offender, for a failure message. */
export function describeCut(c: CutText): string {
  return `${c.kind}: ${c.path} "${c.text}" (${c.detail})`;
}

/** What is cut on `page` once its fonts have loaded, a line each (`[]`: nothing is). */
export async function cutTextLines(page: Page, opts: TextFitOptions = {}): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready);
  return (await cutTextOn(page, opts)).map(describeCut);
}
