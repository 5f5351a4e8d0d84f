import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(import.meta.dirname ?? '.', '../artifacts');

/** Debian's Chromium, headless, with software WebGL so MapLibre renders without a GPU. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A real PNG drawn by the browser (no image library in the tests): `label` in white on `colour`. */
export async function pngFromPage(page: Page, label: string, colour: string): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([text, fill]) => {
      const c = document.createElement('canvas');
      c.width = 640;
      c.height = 480;
      const g = c.getContext('2d')!;
      g.fillStyle = fill;
      g.fillRect(0, 0, 640, 480);
      g.fillStyle = '#fff';
      g.font = '48px sans-serif';
      g.fillText(text, 60, 260);
      return c.toDataURL('image/png');
    },
    [label, colour] as const,
  );
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * Open `url` and sign in through the page's own form (as a person would), then mark the page so a
 * test can tell later that it was never reloaded: every later check is then a live update.
 */
export async function signInThroughForm(page: Page, url: string, username: string, password = 'demo1234'): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/用户名|username/i).fill(username);
  await page.getByLabel(/密码|password/i).fill(password);
  await page.getByRole('button', { name: /登录|sign in/i }).click();
  await page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));
}

const cspFound = new WeakMap<Page, string[]>();

/**
 * Starts collecting what the Content-Security-Policy blocks on `page`: each
 * `securitypolicyviolation` event (directive and blocked URL) and the console errors Chromium
 * prints for them, which also cover workers. Call before the page loads; read with `cspViolations`.
 */
export async function watchCsp(page: Page): Promise<void> {
  const found: string[] = [];
  cspFound.set(page, found);
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /\[csp-violation\]|Content Security Policy/i.test(text)) found.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`[csp-violation] ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

/** What the policy has blocked on `page` since `watchCsp`. */
export function cspViolations(page: Page): string[] {
  const found = cspFound.get(page);
  if (!found) throw new Error('call watchCsp(page) before the page loads');
  return found;
}
