import { Page } from 'playwright-core';
import { DEMO_PASSWORD, DemoSeedService } from '@app/demo';
import { BrowserWorld, browserWorld, screenshot, signIn } from './browser';

const SUITE = 'accessibility';
/** WCAG 2.x AA for body-size text (1.4.3). */
const AA_TEXT = 4.5;

interface Audit {
  path: string;
  h1s: string[];
  controls: number;
  unnamed: string[];
  text: { colour: string; background: string; ratio: number };
  button: { label: string; colour: string; background: string; ratio: number } | null;
}

/**
 * What a screen reader user and a low-vision user meet on the page as it stands: its level-one
 * headings, the form controls with no accessible name, and the contrast of the body text on the page
 * background and of a primary button's label on its fill. It runs in the page (as a string: the
 * test code is typed without the DOM library).
 */
const AUDIT = String.raw`(() => {
  const rgba = (css) => {
    const m = /rgba?\(([^)]+)\)/.exec(css);
    if (!m) throw new Error('Unexpected colour ' + css);
    const [r, g, b, a = '1'] = m[1].split(/[,\s/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  // WCAG relative luminance and contrast ratio.
  const luminance = ([r, g, b]) => {
    const lin = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (fg, bg) => {
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  // The first opaque background from the element up; the canvas (white) when none is.
  const backgroundOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const show = (c) => 'rgb(' + c.slice(0, 3).join(', ') + ')';

  const h1s = [...document.querySelectorAll('h1')].map((h) => (h.textContent || '').trim());

  // The accessible name from aria-labelledby, aria-label, a label (for= or wrapping) or title; placeholders do not count.
  const nameOf = (el) => {
    const byIds = (el.getAttribute('aria-labelledby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => (document.getElementById(id) || {}).textContent || '')
      .join(' ');
    return [byIds, el.getAttribute('aria-label') || '', ...[...(el.labels || [])].map((l) => l.textContent || ''), el.title || ''].map((s) => s.trim()).find(Boolean) || '';
  };
  const controls = [...document.querySelectorAll('input, select, textarea')].filter((el) => el.type !== 'hidden');
  const unnamed = controls.filter((el) => !nameOf(el)).map((el) => el.outerHTML.slice(0, 160));

  const body = getComputedStyle(document.body);
  const textColour = rgba(body.color);
  const pageBackground = backgroundOf(document.body);
  // A primary button as it stands enabled (a disabled one is faded on purpose, and exempt).
  const primary = [...document.querySelectorAll('.button:not(.secondary):not(.danger):not(.link-button)')].find((b) => b.offsetParent !== null && !b.disabled);
  let button = null;
  if (primary) {
    const fg = rgba(getComputedStyle(primary).color);
    const bg = backgroundOf(primary);
    button = { label: (primary.textContent || '').trim(), colour: show(fg), background: show(bg), ratio: ratio(fg, bg) };
  }
  return {
    path: location.pathname,
    h1s,
    controls: controls.length,
    unnamed,
    text: { colour: show(textColour), background: show(pageBackground), ratio: ratio(textColour, pageBackground) },
    button,
  };
})()`;

async function audit(page: Page): Promise<Audit> {
  await page.waitForLoadState('networkidle');
  await page.locator('h1').first().waitFor();
  return page.evaluate<Audit>(AUDIT);
}

/** `form`: the page is a form, so it has controls to name and a primary button to measure. */
function expectAccessible(a: Audit, options: { form?: boolean } = {}): void {
  // One page, one level-one heading, saying what the page is.
  expect({ path: a.path, h1s: a.h1s.length }).toEqual({ path: a.path, h1s: 1 });
  expect(a.h1s[0]).not.toBe('');
  expect({ path: a.path, unnamed: a.unnamed }).toEqual({ path: a.path, unnamed: [] });
  expect(a.text.ratio).toBeGreaterThanOrEqual(AA_TEXT);
  if (options.form) {
    expect(a.controls).toBeGreaterThan(0);
    expect(a.button).not.toBeNull();
  }
  if (a.button) expect({ path: a.path, button: a.button.label, ok: a.button.ratio >= AA_TEXT }).toEqual({ path: a.path, button: a.button.label, ok: true });
}

/** Presses Tab until the focused element matches, and says what it passed on the way. */
async function tabTo(page: Page, matches: string, max = 40): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate<{ match: boolean; label: string }>(`(() => {
      const el = document.activeElement;
      return { match: !!el && el.matches(${JSON.stringify(matches)}), label: (el ? el.tagName.toLowerCase() : '') + ':' + ((el && (el.getAttribute('aria-label') || el.textContent)) || '').trim().slice(0, 40) };
    })()`);
    passed.push(here.label);
    if (here.match) return passed;
  }
  throw new Error(`Tab never reached ${matches}; passed ${passed.join(' | ')}`);
}

/** The id of the focused element. */
const focusedId = (page: Page): Promise<string> => page.evaluate<string>(`document.activeElement ? document.activeElement.id : ''`);

describe('portal accessibility: keyboard only, phone width, headings, names and contrast', () => {
  let w: BrowserWorld;
  let templateId: string;
  let assetId: string;

  beforeAll(async () => {
    w = await browserWorld();
    await w.t.get(DemoSeedService).seed();
    templateId = (await w.t.db.query<{ id: string }[]>(`SELECT id FROM templates WHERE key = 'product-launch'`))[0]!.id;
    assetId = (await w.t.db.query<{ id: string }[]>(`SELECT id FROM assets WHERE title = 'Backup 5 product shot'`))[0]!.id;
  }, 120_000);
  afterAll(() => w.close());

  it('signs in and moves between pages with the keyboard alone', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${w.baseUrl}/`);
    await page.getByTestId('login-form').waitFor();

    // Tab reaches the email field first, then the password; Enter submits.
    await tabTo(page, '#login-email', 5);
    await page.keyboard.type('admin@northwind-it.example');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('login-password');
    await page.keyboard.type(DEMO_PASSWORD);
    // The login page, filled in (its button enabled), meets the same bar as the rest.
    expectAccessible(await audit(page), { form: true });
    await screenshot(page, SUITE, '01-login-keyboard');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/home$/);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // From the top, the first stop is the skip link; the navigation follows in order.
    const passed = await tabTo(page, 'nav#site-nav a[href="/contacts"]');
    expect(passed).toEqual(['a:Skip to content', 'a:ChannelKit', 'a:Home', 'a:Catalog', 'a:Launches', 'a:MDF', 'a:Contacts']);
    await screenshot(page, SUITE, '02-nav-focused');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/contacts$/);
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    // The new page takes the focus, so the next Tab starts in its content, not back in the menu.
    expect(await focusedId(page)).toBe('main');
    expect(await page.locator('nav#site-nav a[aria-current="page"]').innerText()).toBe('Contacts');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<boolean>(`!!document.activeElement && !!document.activeElement.closest('main')`)).toBe(true);
    await screenshot(page, SUITE, '03-contacts-by-keyboard');
    await page.close();
  });

  it('gives every partner page one h1, a name for every control, and AA contrast', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'admin@northwind-it.example');
    await page.waitForURL(/\/home$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of ['Home', 'Catalog', 'Launches', 'MDF', 'Contacts', 'Leads', 'Deals', 'Library', 'Profile']) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await page.locator('nav#site-nav a[aria-current="page"]', { hasText: link }).waitFor();
      expectAccessible(await audit(page));
    }
    await page.goto(`${w.baseUrl}/deals/new`);
    expectAccessible(await audit(page), { form: true });
    await screenshot(page, SUITE, '04-partner-deal-form');
    await page.goto(`${w.baseUrl}/catalog`);
    await page.getByTestId('kit-card').first().getByRole('link').first().click();
    await page.getByTestId('launch-button').waitFor();
    expectAccessible(await audit(page), { form: true });
    await screenshot(page, SUITE, '05-partner-kit');
    await page.close();
  });

  it('gives every vendor page visited one h1, a name for every control, and AA contrast', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'marketer@acme-cloud.example');
    await page.waitForURL(/\/vendor$/);
    await page.getByTestId('vendor-dashboard').waitFor();
    expectAccessible(await audit(page));
    for (const path of ['/vendor/templates', `/vendor/templates/${templateId}`, '/vendor/kits', '/vendor/assets', `/vendor/assets/${assetId}`, '/vendor/assets/new']) {
      await page.goto(`${w.baseUrl}${path}`);
      expectAccessible(await audit(page), { form: true });
    }
    await screenshot(page, SUITE, '06-vendor-new-asset');
    await page.close();
  });

  it('opens the navigation from the menu button at phone width, and a link in it works', async () => {
    const page = await w.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, w, 'admin@northwind-it.example');
    await page.waitForURL(/\/home$/);
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await menu.waitFor();
    // Closed, the navigation takes no room; the page's own heading is in view.
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expectAccessible(await audit(page));
    await screenshot(page, SUITE, '07-phone-menu-closed');

    await menu.tap();
    await nav.waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const deals = nav.getByRole('link', { name: 'Deals', exact: true });
    const box = (await deals.boundingBox())!;
    // Within the phone's width, and big enough to hit with a thumb.
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThanOrEqual(24);
    await screenshot(page, SUITE, '08-phone-menu-open');

    await deals.tap();
    await page.waitForURL(/\/deals$/);
    await page.getByRole('heading', { level: 1, name: 'Deals' }).waitFor();
    // Following a link closes the menu again.
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expectAccessible(await audit(page));
    // Nothing spills sideways at this width.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, SUITE, '09-phone-deals');
    await page.close();
  });
});
