import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { AuthService } from '@app/core';
import { emailTemplateVersion, FakeClock, loadBrandAndTemplates, makeMessages, startTestApp, TestApp, TestUser } from '@app/testing';
import { account, approvedRequest, FundedPartner, fundedPartner, fundedProgram, insertDeal, ledgerTotals, PDF, uploadFile, VendorTeam, vendorTeam } from './mdf-world';

/** Claims: proof files, linked deals, the proof-of-performance pack, and finance's capped reimbursement. */
describe('MDF claims', () => {
  let t: TestApp;
  let team: VendorTeam;
  let p: FundedPartner;
  let rival: FundedPartner;
  let programId: string;

  const NOW = '2026-11-20T09:00:00Z';

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock(NOW) });
    team = await vendorTeam(t);
    p = await fundedPartner(t, 50);
    rival = await fundedPartner(t, 50);
    programId = await fundedProgram(t, team.admin, [{ tierId: p.tierId, amountCents: 5_000_000 }], [p.partner.id]);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(NOW));

  /** The same user signed in again (sessions expire when the clock jumps ahead). */
  const signedIn = async (u: TestUser): Promise<TestUser> => {
    const { token } = await t.get(AuthService).issueSession(u.user.id);
    return { ...u, token, auth: `Bearer ${token}` };
  };

  const submit = (body: object, key: string | null = randomUUID(), who = p.admin) => {
    const req = t.http().post('/api/v1/mdf/claims').set('authorization', who.auth);
    return (key ? req.set('idempotency-key', key) : req).send(body);
  };

  async function readyRequest(requestedCents = 100_000, options: { launchIds?: string[] } = {}): Promise<{ requestId: string; fileId: string }> {
    const requestId = await approvedRequest(t, p.admin, team.manager, programId, { requestedCents, ...options });
    return { requestId, fileId: await uploadFile(t, p.admin, requestId) };
  }

  it('creates one claim for one Idempotency-Key, whether the submission is repeated or raced', async () => {
    const { requestId, fileId } = await readyRequest();
    const key = randomUUID();
    const first = await submit({ requestId, actualSpendCents: 90_000, fileIds: [fileId] }, key).expect(201);
    const again = await submit({ requestId, actualSpendCents: 90_000, fileIds: [fileId] }, key).expect(200);
    expect((again.body as { id: string }).id).toBe((first.body as { id: string }).id);

    const raced = await readyRequest();
    const raceKey = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit({ requestId: raced.requestId, actualSpendCents: 50_000, fileIds: [raced.fileId] }, raceKey)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => (r.body as { id: string }).id)).size).toBe(1);
    const rows = await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM mdf_claims WHERE request_id = ANY($1::uuid[])`, [[requestId, raced.requestId]]);
    expect(Number(rows[0]!.n)).toBe(2);
    // Without a key nothing is created.
    const other = await readyRequest();
    expect((await submit({ requestId: other.requestId, actualSpendCents: 1_000, fileIds: [other.fileId] }, null).expect(400)).body).toMatchObject({ details: { fields: [{ field: 'Idempotency-Key' }] } });
  });

  it('refuses a claim after the deadline (60 days after the activity ends) and accepts one on the last day', async () => {
    const late = await readyRequest();
    const onTime = await readyRequest();
    t.clock.set('2027-01-12T00:00:00Z'); // the activity ended 2026-11-12
    const refused = await submit({ requestId: late.requestId, actualSpendCents: 10_000, fileIds: [late.fileId] }, randomUUID(), await signedIn(p.admin)).expect(422);
    expect(refused.body).toMatchObject({ code: 'MDF_CLAIM_DEADLINE_PASSED', details: { deadline: '2027-01-11' } });
    t.clock.set('2027-01-11T23:59:00Z');
    await submit({ requestId: onTime.requestId, actualSpendCents: 10_000, fileIds: [onTime.fileId] }, randomUUID(), await signedIn(p.admin)).expect(201);
  });

  it('refuses to link another partner’s deal exactly as it refuses an id that does not exist', async () => {
    const { requestId, fileId } = await readyRequest();
    const theirs = await insertDeal(t, rival.partner.id, { createdAt: '2026-11-15T10:00:00Z' });
    const before = await insertDeal(t, p.partner.id, { createdAt: '2026-11-01T10:00:00Z' });
    const missing = randomUUID();
    const bodies = [];
    for (const dealId of [theirs, missing, before]) {
      const res = await submit({ requestId, actualSpendCents: 10_000, fileIds: [fileId], dealIds: [dealId] }).expect(422);
      bodies.push(JSON.stringify({ ...(res.body as object), requestId: undefined }).replaceAll(dealId, '<id>'));
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'dealIds' }] } });
    expect(await t.db.query(`SELECT 1 FROM mdf_claims WHERE request_id = $1`, [requestId])).toHaveLength(0);
    // The partner's own deal registered since the activity started is accepted.
    const own = await insertDeal(t, p.partner.id, { createdAt: '2026-11-15T10:00:00Z' });
    await submit({ requestId, actualSpendCents: 10_000, fileIds: [fileId], dealIds: [own] }).expect(201);
  });

  it('accepts only PDF, PNG, JPEG and WebP files, by content', async () => {
    const requestId = await approvedRequest(t, p.admin, team.manager, programId, { requestedCents: 1_000 });
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
    await t.http().post(`/api/v1/mdf/requests/${requestId}/files?kind=proof`).set('authorization', p.admin.auth).attach('file', png, { filename: 'photo.png', contentType: 'image/png' }).expect(201);
    const fake = await t
      .http()
      .post(`/api/v1/mdf/requests/${requestId}/files?kind=invoice`)
      .set('authorization', p.admin.auth)
      .attach('file', Buffer.from('<html>not a pdf</html>'), { filename: 'invoice.pdf', contentType: 'application/pdf' })
      .expect(415);
    expect(fake.body).toMatchObject({ code: 'MDF_FILE_TYPE', details: { fields: [{ field: 'file' }] } });
    await t.http().post(`/api/v1/mdf/requests/${requestId}/files?kind=receipt`).set('authorization', p.admin.auth).attach('file', PDF, 'invoice.pdf').expect(400);
  });

  it('caps the reimbursement by the tier’s percentage of actual spend and by the approved amount', async () => {
    // Approved 100 000; spent 150 000 at 50 % → cap 75 000 (the percentage binds).
    const a = await readyRequest(100_000);
    const claimA = (await submit({ requestId: a.requestId, actualSpendCents: 150_000, fileIds: [a.fileId] }).expect(201)).body as { id: string };
    const over = await t.http().post(`/api/v1/mdf/claims/${claimA.id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 75_001 }).expect(422);
    expect(over.body).toMatchObject({ code: 'MDF_REIMBURSEMENT_OVER_CAP', details: { capCents: 75_000, reimbursementPct: 50 } });
    const before = await account(t, team.finance, programId, p.partner.id);
    await t.http().post(`/api/v1/mdf/claims/${claimA.id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 75_000 }).expect(200);
    const after = await account(t, team.finance, programId, p.partner.id);
    expect(after.settledCents - before.settledCents).toBe(75_000);
    expect(before.reservedCents - after.reservedCents).toBe(100_000);
    expect(after.availableCents - before.availableCents).toBe(25_000); // the unclaimed remainder is released

    // Approved 40 000; spent 300 000 at 50 % → cap 40 000 (the approved amount binds).
    const b = await readyRequest(40_000);
    const claimB = (await submit({ requestId: b.requestId, actualSpendCents: 300_000, fileIds: [b.fileId] }).expect(201)).body as { id: string };
    const detail = await t.http().get(`/api/v1/mdf/claims/${claimB.id}`).set('authorization', team.finance.auth).expect(200);
    expect(detail.body).toMatchObject({ capCents: 40_000, reimbursementPct: 50 });
    expect((await t.http().post(`/api/v1/mdf/claims/${claimB.id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 40_001 }).expect(422)).body).toMatchObject({ details: { capCents: 40_000 } });
    await t.http().post(`/api/v1/mdf/claims/${claimB.id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 40_000 }).expect(200);
    const totals = await ledgerTotals(t, after.id);
    expect(totals.available).toBe((await account(t, team.finance, programId, p.partner.id)).availableCents);
  });

  it('releases the whole reservation when finance rejects a claim', async () => {
    const before = await account(t, team.finance, programId, p.partner.id);
    const { requestId, fileId } = await readyRequest(60_000);
    const reserved = await account(t, team.finance, programId, p.partner.id);
    expect(before.availableCents - reserved.availableCents).toBe(60_000);
    const claim = (await submit({ requestId, actualSpendCents: 60_000, fileIds: [fileId] }).expect(201)).body as { id: string };
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/reject`).set('authorization', team.finance.auth).send({ note: 'The invoice is for another event' }).expect(200);
    expect(await account(t, team.finance, programId, p.partner.id)).toEqual(before);
    // Rejected is final: it cannot be approved afterwards.
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 1 }).expect(409);
  });

  it('asks for information, takes the partner’s corrections, then is approved, paid and exported safely', async () => {
    const { requestId, fileId } = await readyRequest(20_000);
    const claim = (await submit({ requestId, actualSpendCents: 20_000, fileIds: [fileId] }).expect(201)).body as { id: string };
    const queue = await t.http().get('/api/v1/mdf/claims/review-queue').set('authorization', team.finance.auth).expect(200);
    const waiting = (queue.body as { items: { id: string; submittedAt: string }[] }).items;
    expect(waiting.map((c) => c.id)).toContain(claim.id);
    expect(waiting.map((c) => c.submittedAt)).toEqual([...waiting.map((c) => c.submittedAt)].sort());

    await t.http().post(`/api/v1/mdf/claims/${claim.id}/request-info`).set('authorization', team.finance.auth).send({ note: 'Attach the venue invoice' }).expect(200);
    const second = await uploadFile(t, p.admin, requestId);
    await t.http().patch(`/api/v1/mdf/claims/${claim.id}`).set('authorization', p.admin.auth).send({ fileIds: [fileId, second], actualSpendCents: 30_000 }).expect(200);
    const detail = (await t.http().get(`/api/v1/mdf/claims/${claim.id}`).set('authorization', team.finance.auth).expect(200)).body as { files: { id: string; url: string }[]; claim: { status: string } };
    expect(detail.claim.status).toBe('submitted');
    expect(detail.files.map((f) => f.id).sort()).toEqual([fileId, second].sort());
    expect(Buffer.from(await (await fetch(detail.files[0]!.url)).arrayBuffer()).equals(PDF)).toBe(true);

    await t.http().post(`/api/v1/mdf/claims/${claim.id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 15_000 }).expect(200);
    await t.db.query(`UPDATE partners SET name = $2 WHERE id = $1`, [p.partner.id, '=HYPERLINK("http://evil.example","x")']);
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/mark-paid`).set('authorization', team.finance.auth).send({ paymentReference: '+WIRE-42', paidOn: '2026-12-01' }).expect(200);
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/mark-paid`).set('authorization', team.finance.auth).send({ paymentReference: 'again', paidOn: '2026-12-02' }).expect(409);

    const csv = await t.http().get('/api/v1/mdf/payables.csv').set('authorization', team.finance.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const line = csv.text.split('\r\n').find((l) => l.startsWith(claim.id))!;
    expect(line).toBe(`${claim.id},"'=HYPERLINK(""http://evil.example"",""x"")",webinar,USD,150.00,paid,2026-11-20T09:00:00.000Z,'+WIRE-42,2026-12-01`);
  });

  it('builds a proof-of-performance pack of the launch’s real sends, filtered clicks, leads, creatives and the linked deals', async () => {
    const templateIds = await loadBrandAndTemplates(t, team.marketer);
    const kit = await t
      .http()
      .post('/api/v1/kits')
      .set('authorization', team.marketer.auth)
      .send({
        slug: 'mdf-webinar-kit',
        category: 'product-launch',
        name: 'Backup 5 webinar kit',
        templateIds: [templateIds['product-launch'], templateIds['display-300x250']],
        destinations: [{ key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Free trial' }],
        eligibility: { partnerIds: [p.partner.id] },
      })
      .expect(201);
    const kitId = (kit.body as { id: string }).id;
    await t.http().post(`/api/v1/kits/${kitId}/publish`).set('authorization', team.marketer.auth).expect(200);
    const launch = (await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', p.admin.auth).send({}).expect(201)).body as { id: string };

    const version = await emailTemplateVersion(t);
    const sent = await makeMessages(t, ['a@customer.example', 'b@customer.example', 'c@customer.example'], { partnerId: p.partner.id, templateVersionId: version, status: 'sent' });
    const queued = await makeMessages(t, ['d@customer.example'], { partnerId: p.partner.id, templateVersionId: version });
    await t.db.query(`UPDATE messages SET launch_id = $1 WHERE id = ANY($2::uuid[])`, [launch.id, [...sent, ...queued]]);
    const link = (await t.db.query<{ id: string }[]>(`SELECT id FROM trackable_links WHERE launch_id = $1 LIMIT 1`, [launch.id]))[0]!;
    const clicks: [boolean, boolean][] = [[false, false], [false, false], [false, false], [true, false], [false, true]];
    for (const [bot, scanner] of clicks) {
      await t.db.query(
        `INSERT INTO link_clicks (click_id, link_id, partner_id, launch_id, asset_key, at, ip_hash, ua_family, outcome, bot, scanner, is_unique)
         VALUES ($1, $2, $3, $4, 'product-launch.trial', $5, 'h', 'Chrome', 'redirect', $6, $7, true)`,
        [randomUUID(), link.id, p.partner.id, launch.id, '2026-11-15T10:00:00Z', bot, scanner],
      );
    }
    for (let i = 0; i < 2; i++) {
      await t.db.query(`INSERT INTO leads (partner_id, launch_id, consent, source, created_at) VALUES ($1, $2, 'granted', 'landing', $3)`, [p.partner.id, launch.id, '2026-11-16T10:00:00Z']);
    }
    const won = await insertDeal(t, p.partner.id, { status: 'won', amountCents: 800_000, finalAmountCents: 900_000, createdAt: '2026-11-14T10:00:00Z', closedAt: '2026-11-19T10:00:00Z', company: '<script>alert(1)</script> Corp' });
    const open = await insertDeal(t, p.partner.id, { status: 'approved', amountCents: 2_000_000, createdAt: '2026-11-15T10:00:00Z', company: 'Globex' });

    const { requestId, fileId } = await readyRequest(50_000, { launchIds: [launch.id] });
    const claim = (await submit({ requestId, actualSpendCents: 100_000, fileIds: [fileId], dealIds: [won, open] }).expect(201)).body as { id: string };

    const { url } = (await t.http().get(`/api/v1/mdf/claims/${claim.id}/proof-pack`).set('authorization', p.admin.auth).expect(200)).body as { url: string };
    const html = await (await fetch(url)).text();
    expect(html).toContain(`data-launch-id="${launch.id}"`);
    expect(html).toMatch(/data-send-status="sent">3</);
    expect(html).toMatch(/data-send-status="queued">1</);
    expect(html).toMatch(/data-sends-total>4</);
    expect(html).toMatch(/data-filtered-clicks>3</);
    expect(html).toMatch(/data-leads>2</);
    expect(html).toMatch(/<img src="data:image\/(png|jpeg|webp);base64,/);
    expect(html).toContain(`data-deal-id="${won}"`);
    expect(html).toContain(`data-deal-id="${open}"`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Corp');
    expect(html).not.toContain('<script>');
    expect(html).toContain('USD 9000.00'); // the won amount

    // Finance sees the same deals and the claim's return: (pipeline 20 000 + won 9 000) ÷ cap 500.
    const detail = (await t.http().get(`/api/v1/mdf/claims/${claim.id}`).set('authorization', team.finance.auth).expect(200)).body as { returns: object; deals: { id: string; status: string }[] };
    expect(detail.deals.map((d) => [d.id, d.status])).toEqual([
      [won, 'won'],
      [open, 'approved'],
    ]);
    expect(detail.returns).toEqual({ pipelineCents: 2_000_000, wonCents: 900_000, reimbursementCents: 50_000, returnRatio: 58 });
  });
});
