import sharp from 'sharp';
import { DemoSeedService } from '@app/demo';
import { BrowserWorld, browserWorld, screenshot, signIn } from './browser';

const SUITE = 'vendor-operations';
const DECK = 'Backup 5 launch deck (launch pricing)';
const IMAGE = 'Backup 5 product shot';

describe('portal, as the vendor team: a deal conflict decided side by side, and an asset traced and given a new version', () => {
  let w: BrowserWorld;
  let bluepeakDealId: string;
  let northwindDealId: string;

  beforeAll(async () => {
    w = await browserWorld();
    await w.t.get(DemoSeedService).seed();
    const deals = await w.t.db.query<{ id: string; slug: string; status: string }[]>(
      `SELECT d.id, p.slug, d.status FROM deals d JOIN partners p ON p.id = d.partner_id WHERE d.customer_domain LIKE '%contoso-logistics.example'`,
    );
    bluepeakDealId = deals.find((d) => d.slug === 'bluepeak-systems' && d.status === 'submitted')!.id;
    northwindDealId = deals.find((d) => d.slug === 'northwind-it')!.id;
  }, 120_000);
  afterAll(() => w.close());

  it('shows BluePeak’s registration beside Northwind’s, rejects it with a reason, and the queue moves on', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'channel@acme-cloud.example');
    await page.waitForURL(/\/vendor$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deal registrations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deal registrations' }).waitFor();

    const card = page.getByTestId(`conflict-${bluepeakDealId}`);
    await card.waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'waiting' }).innerText()).toMatch(/^1 waiting, 1 with a conflict/);
    // Side by side: this registration (BluePeak) and the one it collides with (Northwind IT), and why.
    const mine = card.getByRole('region', { name: 'This registration' });
    const theirs = card.getByRole('region', { name: 'Conflicts with Northwind IT’s registration' });
    expect(await mine.innerText()).toContain('BluePeak Systems');
    expect(await theirs.innerText()).toContain('Northwind IT');
    expect(await theirs.innerText()).toMatch(/approved/i);
    expect(await card.locator('.why-matched').innerText()).toMatch(/Same customer domain|Company names match/);
    const [a, b] = await Promise.all([mine.boundingBox(), theirs.boundingBox()]);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    expect(Math.abs(b!.y - a!.y)).toBeLessThan(5);
    await screenshot(page, SUITE, '01-conflict-side-by-side');

    // Rejecting needs a reason the partner will read.
    await card.getByTestId('reject-deal').click();
    const reason = card.getByTestId('reject-reason');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, SUITE, '02-reason-required');
    await reason.fill('Northwind IT registered Contoso Logistics first and holds its protection.');
    await card.getByTestId('reject-deal').click();
    const decided = card.locator('.decided-note');
    await decided.waitFor();
    expect(await decided.innerText()).toContain('Northwind IT registered Contoso Logistics first');
    expect(await decided.innerText()).toMatch(/rejected/i);
    await screenshot(page, SUITE, '03-rejected');

    // Refreshed, the queue is empty; the registration is listed with the rejected ones.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('No registration is waiting for a decision.').waitFor();
    expect(await card.count()).toBe(0);
    await page.getByTestId('deals-view-rejected').click();
    await page.getByTestId(`deal-row-${bluepeakDealId}`).waitFor();
    expect(await page.getByTestId(`deal-row-${northwindDealId}`).count()).toBe(0);
    await screenshot(page, SUITE, '04-rejected-list');
    const stored = await w.t.db.query<{ status: string; rejection_reason: string }[]>(`SELECT status, rejection_reason FROM deals WHERE id = $1`, [bluepeakDealId]);
    expect(stored).toEqual([{ status: 'rejected', rejection_reason: 'Northwind IT registered Contoso Logistics first and holds its protection.' }]);
    await page.close();
  });

  it('shows who uses the expiring deck, refuses a misnamed file, and uploads a new image version with progress', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'marketer@acme-cloud.example');
    await page.waitForURL(/\/vendor$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Assets' }).click();
    await page.getByRole('link', { name: DECK }).click();
    await page.getByRole('heading', { level: 1, name: DECK }).waitFor();
    expect(await page.getByTestId('asset-status').textContent()).toBe('expiring');

    // "Who uses this?": Northwind IT's live launch of the kit that carries the deck.
    const whoUses = page.getByTestId('who-uses');
    await whoUses.getByTestId('who-uses-live-launches').waitFor();
    expect(await whoUses.getByTestId('who-uses-live-launches').innerText()).toBe('1');
    expect(await whoUses.locator('ul.plain li').allInnerTexts()).toEqual(['Northwind IT · 1 live launch']);
    const launchRow = whoUses.getByRole('row').filter({ hasText: 'Northwind IT' }).filter({ has: page.getByRole('link', { name: 'Open the launch' }) });
    expect(await launchRow.count()).toBe(1);
    await screenshot(page, SUITE, '05-who-uses');

    await nav.getByRole('link', { name: 'Assets' }).click();
    await page.getByRole('link', { name: IMAGE }).click();
    await page.getByRole('heading', { level: 1, name: IMAGE }).waitFor();
    await page.getByTestId('asset-version-1').waitFor();

    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#0b4fd6' } }).png().toBuffer();
    const fileInput = page.getByTestId('asset-upload-input');

    // A PNG that calls itself a JPEG is refused, and the message sits with the file input.
    await fileInput.setInputFiles({ name: 'product-shot.jpg', mimeType: 'image/jpeg', buffer: png });
    await page.getByTestId('asset-upload-submit').click();
    const field = page.locator('.field', { has: fileInput });
    const refusal = field.locator('.field-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/PNG image, but the file name ends in \.jpg/);
    expect(await fileInput.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('asset-version-2').count()).toBe(0);
    await screenshot(page, SUITE, '06-misnamed-refused');

    // The real name goes through; the request is held so the progress is on screen while it travels.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/assets/*/versions', async (route) => {
      await held;
      await route.continue();
    });
    await fileInput.setInputFiles({ name: 'product-shot-2027.png', mimeType: 'image/png', buffer: png });
    expect(await refusal.count()).toBe(0);
    await page.getByTestId('asset-upload-submit').click();
    const progress = page.getByTestId('asset-upload-progress');
    await progress.waitFor();
    expect(await page.getByText(/^Uploading product-shot-2027\.png: \d+ % of \d+ (B|KB)$/).count()).toBe(1);
    expect(await page.getByTestId('asset-upload-submit').innerText()).toBe('Uploading…');
    await screenshot(page, SUITE, '07-uploading');
    release();

    const version = page.getByTestId('asset-version-2');
    await version.waitFor();
    expect(await version.innerText()).toContain('product-shot-2027.png');
    expect(await version.innerText()).toContain('image/png, 320 × 200 px');
    expect(await version.locator('.badge-live').textContent()).toBe('current');
    expect(await progress.count()).toBe(0);
    await screenshot(page, SUITE, '08-new-version');
    await page.close();
  });
});
