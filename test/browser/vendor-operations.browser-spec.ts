import sharp from 'sharp';
import { DEMO_PASSWORD, DemoSeedService } from '@app/demo';
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

    // Limiting the deck to EMEA would take it from Northwind IT's library: the page says so before saving.
    const deckDetails = page.getByRole('region', { name: 'Details', exact: true });
    await deckDetails.getByRole('button', { name: 'Edit details' }).click();
    await deckDetails.getByRole('group', { name: 'Regions' }).getByLabel('EMEA').check();
    await deckDetails.getByRole('button', { name: 'Save details' }).click();
    const impact = deckDetails.getByTestId('eligibility-impact');
    await impact.waitFor();
    expect(await impact.innerText()).toMatch(/1 partner with a live launch using this asset would no longer find it in the library: Northwind IT \(1 live launch\)\. Their launches keep running with it/);
    await screenshot(page, SUITE, '05b-eligibility-impact');
    await impact.getByRole('button', { name: 'Keep editing' }).click();
    await deckDetails.getByRole('button', { name: 'Cancel' }).click();
    expect(await deckDetails.getByText('Every partner').count()).toBe(1);
    const deckRows = await w.t.db.query<{ eligibility: object }[]>(`SELECT eligibility FROM assets WHERE title = $1`, [DECK]);
    expect(deckRows).toEqual([{ eligibility: {} }]);

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

    // The marketer renames the image and retags it; the page shows what was saved.
    const details = page.getByRole('region', { name: 'Details', exact: true });
    await details.getByRole('button', { name: 'Edit details' }).click();
    const title = details.getByLabel('Title', { exact: true });
    await title.waitFor();
    expect(await title.inputValue()).toBe(IMAGE);
    expect(await details.getByLabel('Tags (optional)').inputValue()).toBe('backup-5, image');
    await title.fill(`${IMAGE} 2027`);
    await details.getByLabel('Tags (optional)').fill('backup-5, image, hero, 2027');
    await screenshot(page, SUITE, '08b-details-editing');
    await details.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('heading', { level: 1, name: `${IMAGE} 2027` }).waitFor();
    await page.getByTestId('toast-status').getByText('Details saved.').waitFor();
    expect(await details.getByTestId('asset-tags').innerText()).toBe('backup-5, image, hero, 2027');
    expect(await details.getByRole('button', { name: 'Edit details' }).count()).toBe(1);
    const saved = await w.t.db.query<{ title: string; tags: string[] }[]>(`SELECT title, tags FROM assets WHERE title = $1`, [`${IMAGE} 2027`]);
    expect(saved).toEqual([{ title: `${IMAGE} 2027`, tags: ['backup-5', 'image', 'hero', '2027'] }]);
    await screenshot(page, SUITE, '08c-details-saved');
    await page.close();
  });

  it('lists the partners with tier, time to first deal and last activity in one request, sorted and filtered', async () => {
    const manager = await token(w, 'channel@acme-cloud.example');
    const expected = (await w.t.http().get('/api/v1/reporting/partners').query({ limit: 100 }).set('authorization', manager).expect(200)).body as PartnerPage;
    const northwind = expected.items.find((p) => p.name === 'Northwind IT')!;
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'channel@acme-cloud.example');
    await page.waitForURL(/\/vendor$/);
    const reads: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/v1/')) reads.push(new URL(r.url()).pathname);
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
    const row = page.getByTestId(`partner-row-${northwind.id}`);
    await row.waitFor();
    expect(await page.getByTestId('partner-count').innerText()).toBe(`${expected.total} partners`);
    expect(await row.getByRole('cell').nth(1).innerText()).toBe('Gold');
    // Northwind IT registered deals and launched a kit: both figures are known.
    expect(northwind.timeToFirstDealDays).not.toBeNull();
    expect(northwind.lastActivityAt).not.toBeNull();
    expect(await row.getByTestId('partner-ttfd').innerText()).toBe(`${northwind.timeToFirstDealDays} days`);
    expect(await row.getByTestId('partner-last-activity').locator('time').getAttribute('datetime')).toBe(northwind.lastActivityAt);
    // Every figure of the page came in one answer: no request per partner.
    expect(reads.filter((r) => r.startsWith('/api/v1/reporting/partners'))).toHaveLength(1);
    expect(reads.filter((r) => /^\/api\/v1\/(deals|launches|partners\/[^/]+\/users)/.test(r))).toEqual([]);
    await screenshot(page, SUITE, '09-partners');

    // Most recent activity first, as the API sorts it; partners without any come last.
    await page.getByLabel('Sort by', { exact: true }).selectOption('lastActivity');
    await page.getByRole('table', { name: 'Partners by last activity, most recent first' }).waitFor();
    const byActivity = (await w.t.http().get('/api/v1/reporting/partners').query({ sort: 'lastActivity' }).set('authorization', manager).expect(200)).body as PartnerPage;
    expect(await page.locator('tbody tr td:first-child').allInnerTexts()).toEqual(byActivity.items.map((p) => p.name));
    await screenshot(page, SUITE, '10-partners-by-activity');

    // The Platinum tier, then a name search within it.
    await page.getByLabel('Tier', { exact: true }).selectOption({ label: 'Platinum' });
    await page.getByTestId('partner-count').filter({ hasText: /^2 partners$/ }).waitFor();
    expect((await page.locator('tbody tr td:first-child').allInnerTexts()).sort()).toEqual(['BluePeak Systems', 'Nordlys Consulting']);
    await page.getByTestId('partner-search').fill('nord');
    await page.getByTestId('partner-count').filter({ hasText: /^1 partner$/ }).waitFor();
    expect(await page.locator('tbody tr td:first-child').allInnerTexts()).toEqual(['Nordlys Consulting']);
    await page.getByTestId('partner-search').fill('no such partner');
    await page.getByText('No partner matches these filters.').waitFor();
    await screenshot(page, SUITE, '11-partners-filtered');
    await page.close();
  });

  it('launches a kit on Northwind IT’s behalf to one of its audiences, at a time in its zone', async () => {
    // A second kit for every partner, with an email.
    const marketer = await token(w, 'marketer@acme-cloud.example');
    const productLaunch = (await w.t.db.query<{ id: string }[]>(`SELECT id FROM templates WHERE key = 'product-launch'`))[0]!.id;
    const created = await w.t
      .http()
      .post('/api/v1/kits')
      .set('authorization', marketer)
      .send({ slug: 'backup-5-webinar', category: 'webinar', name: 'Backup 5 webinar invitation', templateIds: [productLaunch], destinations: [{ key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' }], eligibility: {} })
      .expect(201);
    const kitId = (created.body as { id: string }).id;
    await w.t.http().post(`/api/v1/kits/${kitId}/publish`).set('authorization', marketer).expect(200);
    const northwindId = (await w.t.db.query<{ id: string }[]>(`SELECT id FROM partners WHERE slug = 'northwind-it'`))[0]!.id;
    const customers = (await w.t.db.query<{ id: string }[]>(`SELECT id FROM audiences WHERE partner_id = $1 AND name = 'Customers'`, [northwindId]))[0]!.id;

    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'channel@acme-cloud.example');
    await page.waitForURL(/\/vendor$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners' }).click();
    await page.getByRole('link', { name: 'Northwind IT' }).click();
    await page.getByRole('heading', { level: 1, name: 'Northwind IT' }).waitFor();
    await page.getByTestId('partner-ttfd').waitFor();
    const panel = page.getByRole('region', { name: 'Launch on Northwind IT’s behalf' });
    await panel.getByTestId('concierge-kit').selectOption(kitId);

    // The audience picker shows Northwind's audiences by name and size; the send time waits for one.
    const audience = panel.getByLabel('Email this audience of theirs');
    await audience.waitFor();
    expect(await audience.locator('option').allInnerTexts()).toEqual(['No email now (links and landing page only)', expect.stringMatching(/^Customers \(\d+ to email\)$/)]);
    const sendAt = panel.getByLabel('Send at');
    expect(await sendAt.isDisabled()).toBe(true);
    await audience.selectOption(customers);
    expect(await sendAt.isDisabled()).toBe(false);
    expect(await panel.getByText('In Northwind IT’s time zone (America/Chicago). Leave empty to send right away.').count()).toBe(1);
    await sendAt.fill('2026-11-03T09:00');
    await screenshot(page, SUITE, '12-concierge-audience');

    await panel.getByRole('button', { name: 'Launch for Northwind IT' }).click();
    await page.waitForURL(/\/launches\/[0-9a-f-]{36}$/);
    await page.getByText('Launched for Northwind IT; the email to Customers is scheduled.').waitFor();
    await screenshot(page, SUITE, '13-concierge-launched');
    const stored = await w.t.db.query<{ mode: string; audience_id: string; send_at: Date; blast_status: string }[]>(
      `SELECT mode, audience_id, send_at, blast_status FROM launches WHERE kit_id = $1 AND partner_id = $2`,
      [kitId, northwindId],
    );
    // 09:00 in Chicago (CST after 1 November) is 15:00 UTC.
    expect(stored).toEqual([{ mode: 'concierge', audience_id: customers, send_at: new Date('2026-11-03T15:00:00Z'), blast_status: 'scheduled' }]);
    await page.close();
  });
});

interface PartnerPage {
  items: { id: string; name: string; timeToFirstDealDays: number | null; lastActivityAt: string | null }[];
  total: number;
}

/** A session of a demo user for reading what the page should show from the API. */
async function token(w: BrowserWorld, email: string): Promise<string> {
  const res = await w.t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200);
  return `Bearer ${(res.body as { token: string }).token}`;
}
