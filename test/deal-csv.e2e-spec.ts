import { parseCsv } from '@app/contacts';
import { DEAL_EXPORT_COLUMNS } from '@app/deals';
import { DealWorld, dealWorld, register } from './deal-world';

describe('deal CSV export for a CRM, and import for migration', () => {
  let w: DealWorld;
  beforeAll(async () => (w = await dealWorld()));
  afterAll(() => w.t.close());

  const exportAs = async (auth: string) => {
    const res = await w.t.http().get('/api/v1/deals/export.csv').set('authorization', auth).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(res.body as string, { maxRecordChars: 100_000, delimiter: ',' }).map((r) => r.fields);
    return { header, rows: rows.map((fields) => Object.fromEntries(header!.map((h, i) => [h, fields[i]]))), raw: res.body as string };
  };

  it('exports CRM opportunity columns, scoped to the partner, with formula-looking text defused', async () => {
    const deal = await register(w.t, w.partnerA.admin, {
      customerCompany: '=HYPERLINK("http://evil.example","Globex")',
      customerDomain: 'globex.example',
      amountCents: 1_234_567,
      currency: 'EUR',
      products: ['Backup 5', '+Support'],
      expectedCloseDate: '2027-01-31',
      contactName: '@admin',
      notes: 'Line one, with comma\nline two',
    });
    await w.t.http().post(`/api/v1/deals/${deal.id}/approve`).set('authorization', w.manager.auth).send({}).expect(200);
    await register(w.t, w.partnerB.admin, { customerCompany: 'Initech', customerDomain: 'initech.example', amountCents: 5000, currency: 'JPY' });

    const a = await exportAs(w.partnerA.user.auth);
    expect(a.header).toEqual([...DEAL_EXPORT_COLUMNS]);
    expect(a.rows).toEqual([
      expect.objectContaining({
        'Account Name': `'=HYPERLINK("http://evil.example","Globex")`,
        Website: 'globex.example',
        Amount: '12345.67',
        Currency: 'EUR',
        'Close Date': '2027-01-31',
        Stage: 'Approved',
        Partner: 'Northwind Systems',
        'Partner Id': w.partnerA.id,
        'Contact Name': "'@admin",
        Products: 'Backup 5; +Support',
        'Registered At': '2026-11-02T09:00:00.000Z',
        'Protected Until': '2027-01-31T09:00:00.000Z',
        'Registration Type': 'Partner',
        Description: 'Line one, with comma\nline two',
        'Deal Registration Id': deal.id,
      }),
    ]);
    expect(a.raw).not.toMatch(/(^|,)[=+@-]/m);
    const vendor = await exportAs(w.finance.auth);
    // Both were registered at the same clock instant; the export orders them by id after time.
    expect(vendor.rows.map((r) => [r['Account Name'], r.Amount, r.Currency]).sort((x, y) => String(x[1]).localeCompare(String(y[1])))).toEqual([
      [`'=HYPERLINK("http://evil.example","Globex")`, '12345.67', 'EUR'],
      ['Initech', '5000', 'JPY'],
    ]);
  });

  it('imports rows for migration, reporting each bad row with its column and importing the rest', async () => {
    const csv = [
      'Partner Id,Account Name,Website,Amount,Currency,Stage,Close Date,Closed At,Registered At,Final Amount',
      `${w.partnerA.id},Hooli,https://www.hooli.example,"1,250.50",USD,Closed Won,2026-06-30,,2026-05-01,1200`,
      `${w.partnerB.slug},Aviato,aviato.example,99,EUR,Approved,,,2026-10-01T10:00:00Z,`,
      `${w.partnerB.slug},Bad Domain,not a domain,10,EUR,,,,,`,
      `nobody,Ghost,ghost.example,10,EUR,,,,,`,
      `${w.partnerA.slug},Money,money.example,-5,euro,Negotiation,,,,`,
      `${w.partnerA.slug},Lost Co,lost.example,10,USD,Closed Lost,,,,`,
    ].join('\n');
    const res = await w.t.http().post('/api/v1/deals/imports').set('authorization', w.vendorAdmin.auth).attach('file', Buffer.from(csv), 'deals.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalRows: 6, imported: 2, rejected: 4 });
    const byRow = Object.fromEntries((res.body.rows as { row: number; errors: { field: string }[] }[]).map((r) => [r.row, r.errors.map((e) => e.field)]));
    expect(byRow).toEqual({ 2: [], 3: [], 4: ['Website'], 5: ['Partner Id'], 6: ['Currency', 'Amount', 'Stage'], 7: ['Closed At'] });

    const hooli = await w.t.http().get(`/api/v1/deals/${res.body.rows[0].dealId}`).set('authorization', w.partnerA.admin.auth).expect(200);
    expect(hooli.body).toMatchObject({ customerDomain: 'hooli.example', amountCents: 125_050, status: 'won', finalAmountCents: 120_000, closedAt: '2026-06-30T00:00:00.000Z', registrationMode: 'import', createdAt: '2026-05-01T00:00:00.000Z' });
    const aviato = await w.t.http().get(`/api/v1/deals/${res.body.rows[1].dealId}`).set('authorization', w.partnerB.admin.auth).expect(200);
    expect(aviato.body).toMatchObject({ status: 'approved', protectedUntil: '2026-12-30T10:00:00.000Z' });
    const audit = await w.t.db.query(`SELECT action, on_behalf_of_partner_id FROM audit_events WHERE entity_id = $1`, [res.body.rows[0].dealId]);
    expect(audit).toEqual([{ action: 'deal.imported', on_behalf_of_partner_id: w.partnerA.id }]);

    const noColumns = await w.t.http().post('/api/v1/deals/imports').set('authorization', w.vendorAdmin.auth).attach('file', Buffer.from('Name,Email\nx,y\n'), 'x.csv');
    expect(noColumns.status).toBe(422);
    expect(noColumns.body.details.fields[0].field).toBe('file');
  });
});
