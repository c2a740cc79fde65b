import { AuthService } from '@app/core';
import { DEMO_PASSWORD, DemoSeedService, onePagePdf } from '@app/demo';
import { BrowserWorld, browserWorld, screenshot, signIn } from './browser';

const SUITE = 'finance-claim';


describe('portal, as finance: one claim on one screen, approved and paid, and the partner sees it paid', () => {
  let w: BrowserWorld;
  let claimId: string;
  let capCents: number;

  beforeAll(async () => {
    w = await browserWorld();
    await w.t.get(DemoSeedService).seed();
    // Northwind IT claims its approved webinar request through the API, with its invoice.
    const { session } = await w.t.get(AuthService).login('admin@northwind-it.example', DEMO_PASSWORD, '127.0.0.1');
    const auth = `Bearer ${session.token}`;
    const request = (await w.t.db.query<{ id: string; approved_cents: string }[]>(`SELECT id, approved_cents FROM mdf_requests WHERE status = 'approved'`))[0]!;
    const file = await w.t
      .http()
      .post(`/api/v1/mdf/requests/${request.id}/files?kind=invoice`)
      .set('authorization', auth)
      .attach('file', onePagePdf('Invoice 2026-118', 'Webinar production and promotion'), { filename: 'invoice.pdf', contentType: 'application/pdf' })
      .expect(201);
    const claim = await w.t
      .http()
      .post('/api/v1/mdf/claims')
      .set('authorization', auth)
      .set('idempotency-key', 'browser-claim-1')
      .send({ requestId: request.id, actualSpendCents: 420_000, fileIds: [(file.body as { id: string }).id] })
      .expect(201);
    claimId = (claim.body as { id: string }).id;
    const detail = await w.t.db.query<{ pct: number }[]>(
      `SELECT t.default_mdf_reimbursement_pct AS pct FROM partners p JOIN tiers t ON t.id = p.tier_id WHERE p.slug = 'northwind-it'`,
    );
    capCents = Math.min(Number(request.approved_cents), Math.floor((420_000 * detail[0]!.pct) / 100));
  }, 120_000);
  afterAll(() => w.close());

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
