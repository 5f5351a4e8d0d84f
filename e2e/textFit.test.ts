import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { cutTextOn, type CutText } from './textFit.ts';

// The cut-text detector the screen tests rely on, on small pages whose answer is known.

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 800, height: 600 } });
});
afterAll(async () => {
  await browser?.close();
});

async function cutIn(body: string): Promise<CutText[]> {
  await page.setContent(
    `<!doctype html><html lang="en"><head><style>body{margin:0;font:16px/20px sans-serif}p{margin:0}</style></head><body>${body}</body></html>`,
  );
  return cutTextOn(page);
}
const kinds = (found: CutText[]) => found.map((c) => c.kind);

describe('text fit detector', () => {
  it('finds a label cut by an ellipsis, and not the same label when it fits', async () => {
    const style = 'white-space:nowrap;overflow:hidden;text-overflow:ellipsis';
    const cut = await cutIn(`<p id="a" style="width:80px;${style}">Dispatched to the sanitation office</p>`);
    expect(kinds(cut)).toEqual(['overflow']);
    expect(cut[0]!.path).toBe('p#a');
    expect(cut[0]!.text).toBe('Dispatched to the sanitation office');
    expect(await cutIn(`<p style="width:600px;${style}">Dispatched to the sanitation office</p>`)).toEqual([]);
  });

  it('finds a line clamp that hides the third line', async () => {
    const clamp = 'display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;width:120px';
    expect(kinds(await cutIn(`<p style="${clamp}">one two three four five six seven eight nine ten eleven twelve</p>`))).toEqual([
      'overflow',
    ]);
    expect(await cutIn(`<p style="${clamp}">one two three</p>`)).toEqual([]);
  });

  it('finds text running out of a tile that clips, across or down', async () => {
    const across = await cutIn(
      `<div class="tile" style="width:100px;height:20px;overflow:hidden"><span style="white-space:nowrap">A label too long for its tile</span></div>`,
    );
    expect(kinds(across)).toEqual(['clipped']);
    expect(across[0]!.detail).toContain('div.tile');
    const down = await cutIn(
      `<div style="width:200px;height:30px;overflow:hidden"><p>the first line of text, which wraps to a second line and then a third</p></div>`,
    );
    expect(kinds(down)).toEqual(['clipped']);
  });

  it('leaves alone slides wholly outside a carousel, hidden and screen-reader-only text, and a positioned tooltip', async () => {
    expect(
      await cutIn(`
      <div style="width:200px;overflow:hidden;white-space:nowrap"><span style="display:inline-block;width:200px">Slide one</span><span style="display:inline-block;width:200px">Slide two</span></div>
      <p style="display:none;width:10px;overflow:hidden;white-space:nowrap">A long hidden sentence</p>
      <span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap">Only for screen readers</span>
      <div style="position:relative"><div style="overflow:hidden;width:50px;height:20px"><span style="position:absolute;white-space:nowrap">Tooltip past the small box</span></div></div>`),
    ).toEqual([]);
  });

  it('accepts English wrapped at spaces and Chinese wrapped between any characters', async () => {
    expect(await cutIn(`<p style="width:120px">The dispatcher sends the case to the department within 97.3% of the limit</p>`)).toEqual([]);
    expect(await cutIn(`<p style="width:60px" lang="zh-CN">网格员上报的案件已经派遣到职能部门处置</p>`)).toEqual([]);
  });

  it('finds a word, a percentage and a case number split across lines', async () => {
    const word = await cutIn(`<p style="width:100px;word-break:break-all">Internationalization</p>`);
    expect(kinds(word)).toEqual(['mid-word']);
    expect(word[0]!.text).toBe('Internationalization');
    const numbers = await cutIn(
      `<p style="width:8px;overflow-wrap:anywhere">97.3%</p><p style="width:40px;overflow-wrap:anywhere">案卷号2026-000123</p>`,
    );
    expect(numbers.map((c) => c.text).sort()).toEqual(['2026-000123', '97.3%']);
  });

  it('finds an input whose placeholder does not fit', async () => {
    expect(kinds(await cutIn(`<input style="width:60px" placeholder="Search by case number or address">`))).toEqual(['field']);
    expect(await cutIn(`<input style="width:400px" placeholder="Search">`)).toEqual([]);
  });
});
