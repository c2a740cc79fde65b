import fs from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@app/demo';
import { FakeClock, freePort, startTestApp, TestApp } from '@app/testing';

/** Debian's Chromium (`apt-get install chromium`), never a downloaded browser; CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every run, kept as artifacts (not committed). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

export interface BrowserWorld {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * The real application (api + worker, embedded S3, SMTP sink, its own database, the built portal)
 * listening on a loopback port, and headless Chromium. The flags keep Chromium off the network:
 * this machine's closed network refuses its background connections.
 */
export async function browserWorld(options: { clock?: FakeClock; env?: Record<string, string> } = {}): Promise<BrowserWorld> {
  const portalIndex = path.resolve(__dirname, '..', '..', 'apps', 'portal', 'dist', 'index.html');
  if (!fs.existsSync(portalIndex)) throw new Error('The portal is not built: run `npm run portal:build` (npm run test:browser does).');
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
  // Emails and previews carry absolute URLs (logos, links): the public URL is the one the browser uses.
  const port = await freePort();
  const t = await startTestApp({ ...(options.clock ? { clock: options.clock } : {}), env: { SESSION_TTL_MINUTES: '1440', PUBLIC_URL: `http://127.0.0.1:${port}`, ...options.env } });
  await t.app.listen(port, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** Saves a full-page screenshot as `artifacts/screenshots/<suite>/<step>.png`. */
export async function screenshot(page: Page, suite: string, step: string): Promise<void> {
  // What the user sees once the page has settled, not its loading placeholders.
  await page.waitForLoadState('networkidle');
  const dir = path.join(SCREENSHOT_DIR, suite);
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${step}.png`), fullPage: true });
}

/**
 * Signs in through the login page, as a person would (the demo password unless another is given).
 * The page's clock starts at the app's (fake) now, so "in 3 days" and week ranges agree with the API,
 * as they do in production.
 */
export async function signIn(page: Page, w: BrowserWorld, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.clock.install({ time: w.t.clock.now() });
  await page.goto(`${w.baseUrl}/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}
