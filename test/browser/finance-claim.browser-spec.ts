import { StorageService } from '@app/core';
import { DemoSeedService, onePagePdf } from '@app/demo';
import { BrowserWorld, browserWorld, screenshot, signIn } from './browser';

const SUITE = 'finance-claim';

describe('portal, MDF: the partner claims with its invoice, finance clears it on one screen, the partner sees it paid', () => {
  let w: BrowserWorld;
  let claimId: string;
  let capCents: number;

  beforeAll(async () => {
    w = await browserWorld();
    await w.t.get(DemoSeedService).seed();
  }, 120_000);
  afterAll(() => w.close());

  it('lets Northwind claim its approved webinar from the portal, with its invoice uploaded there', async () => {
    const request = (await w.t.db.query<{ id: string; approved_cents: string }[]>(`SELECT id, approved_cents FROM mdf_requests WHERE status = 'approved'`))[0]!;
    const partner = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(partner, w, 'admin@northwind-it.example');
    await partner.waitForURL(/\/home$/);
    await partner.goto(`${w.baseUrl}/mdf`);
    await partner.getByTestId(`claim-request-${request.id}`).click();
    await partner.getByTestId('claim-form').waitFor();
    // A file chosen by mistake and removed is deleted: reopening the form lists only the file kept.
    await partner.getByTestId('claim-file-input').setInputFiles({ name: 'wrong-invoice.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Invoice 2026-099', 'Another event') });
    const wrong = partner.locator('[data-testid^="claim-file-"]', { hasText: 'wrong-invoice.pdf' });
    await wrong.waitFor();
    const wrongId = (await wrong.getAttribute('data-testid'))!.replace('claim-file-', '');
    const wrongKey = (await w.t.db.query<{ storage_key: string }[]>(`SELECT storage_key FROM mdf_files WHERE id = $1`, [wrongId]))[0]!.storage_key;
    await partner.getByTestId('claim-file-input').setInputFiles({ name: 'invoice-2026-118.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Invoice 2026-118', 'Webinar production and promotion') });
    const kept = partner.locator('[data-testid^="claim-file-"]', { hasText: 'invoice-2026-118.pdf' });
    await kept.waitFor();
    const keptTestId = await kept.getAttribute('data-testid');
    await partner.getByRole('button', { name: 'Remove wrong-invoice.pdf from the claim' }).click();
    await wrong.waitFor({ state: 'detached' });
    expect(await w.t.get(StorageService).head(wrongKey)).toBeNull();
    await partner.reload();
    await partner.getByTestId('claim-form').waitFor();
    const listed = partner.getByRole('list', { name: 'Files sent with the claim' }).getByRole('listitem');
    await listed.first().waitFor();
    expect(await listed.count()).toBe(1);
    expect(await listed.first().getAttribute('data-testid')).toBe(keptTestId);
    // It keeps the name it was uploaded under.
    expect(await listed.first().textContent()).toContain('invoice-2026-118.pdf');
    await screenshot(partner, SUITE, '00-partner-claim-reopened');
    await partner.getByLabel(/Actual spend/).fill('4,200.00');
    await screenshot(partner, SUITE, '00-partner-claims');
    // A double click makes one claim: the form keeps one Idempotency-Key.
    await partner.getByTestId('claim-submit').dblclick();
    await partner.waitForURL(/\/mdf\/claims\/[0-9a-f-]{36}$/);
    claimId = partner.url().split('/').pop()!;
    const claims = await w.t.db.query<{ id: string; actual_spend_cents: string }[]>(`SELECT id, actual_spend_cents FROM mdf_claims`);
    expect(claims).toEqual([{ id: claimId, actual_spend_cents: '420000' }]);
    // The claim went with the file kept, and nothing else is stored against the request.
    expect(await w.t.db.query(`SELECT id, claim_id FROM mdf_files WHERE request_id = $1`, [request.id])).toEqual([{ id: keptTestId!.replace('claim-file-', ''), claim_id: claimId }]);
    const pct = (await w.t.db.query<{ pct: number }[]>(`SELECT t.default_mdf_reimbursement_pct AS pct FROM partners p JOIN tiers t ON t.id = p.tier_id WHERE p.slug = 'northwind-it'`))[0]!.pct;
    capCents = Math.min(Number(request.approved_cents), Math.floor((420_000 * pct) / 100));
    await partner.close();
  });

  it('approves the claim at its cap, marks it paid, and Northwind sees it paid', async () => {
    const finance = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(finance, w, 'finance@acme-cloud.example');
    await finance.waitForURL(/\/finance$/);
    await finance.getByTestId(`claim-row-${claimId}`).click();
    await finance.getByTestId('claim-status').waitFor();
    expect(await finance.getByTestId('claim-status').textContent()).toBe('submitted');
    // The amount is prefilled to the cap: min(approved request, spend × the tier's reimbursement %).
    expect(await finance.getByTestId('approve-amount').inputValue()).toBe((capCents / 100).toFixed(2));
    await screenshot(finance, SUITE, '01-claim-screen');

    await finance.getByTestId('approve-claim').click();
    await finance.locator('[data-testid="claim-status"]', { hasText: 'approved' }).waitFor();
    await screenshot(finance, SUITE, '02-approved');

    await finance.getByTestId('paid-reference').fill('WIRE-2026-0042');
    await finance.getByTestId('paid-on').fill('2026-11-20');
    await finance.getByTestId('mark-paid').click();
    await finance.locator('[data-testid="claim-status"]', { hasText: 'paid' }).waitFor();
    await screenshot(finance, SUITE, '03-paid');
    const stored = await w.t.db.query<{ status: string; approved_cents: string }[]>(`SELECT status, approved_cents FROM mdf_claims WHERE id = $1`, [claimId]);
    expect(stored).toEqual([{ status: 'paid', approved_cents: String(capCents) }]);
    await finance.close();

    const partner = await w.browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(partner, w, 'admin@northwind-it.example');
    await partner.waitForURL(/\/home$/);
    await partner.goto(`${w.baseUrl}/mdf`);
    await partner.getByTestId(`partner-claim-status-${claimId}`).waitFor();
    expect(await partner.getByTestId(`partner-claim-status-${claimId}`).textContent()).toBe('paid');
    await screenshot(partner, SUITE, '04-partner-sees-paid-phone');
    await partner.close();
  });
});
