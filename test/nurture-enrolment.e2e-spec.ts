import { NurtureService } from '@app/nurture';
import { makePartner, makeUser, TestUser } from '@app/testing';
import { addContact, NurtureWorld, nurtureWorld, publishedKit, publishedSequence, runDue } from './nurture-world';

describe('nurture enrolment: who joins a sequence, and who may see it', () => {
  let w: NurtureWorld;
  let sequenceId: string;
  let otherAdmin: TestUser;
  let otherPartnerId: string;

  beforeAll(async () => {
    w = await nurtureWorld('2026-11-02T15:00:00Z', 'enrol-kit');
    sequenceId = await publishedSequence(w.t, w.marketer, {
      kitId: w.kitId,
      steps: [{ type: 'email', templateId: w.templateIds['product-launch'] }, { type: 'wait', days: 3 }, { type: 'email', templateId: w.templateIds['product-launch'] }],
    });
    const other = await makePartner(w.t, { tierId: w.tierId, name: 'Contoso' });
    otherPartnerId = other.id;
    otherAdmin = await makeUser(w.t, 'partner_admin', { partnerId: other.id });
  });
  afterAll(() => w.t.close());

  const enrol = (auth: string, body: Record<string, unknown>, id = sequenceId) => w.t.http().post(`/api/v1/sequences/${id}/enrolments`).set('authorization', auth).send(body);

  it('enrols a contact at most once per sequence at a time, and again after it has ended', async () => {
    const amy = await addContact(w.t, w.partnerId, 'amy@once.example');
    const [a, b] = await Promise.all([enrol(w.admin.auth, { contactIds: [amy] }), enrol(w.admin.auth, { contactIds: [amy] })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const outcomes = [a.body, b.body].map((r) => (r as { results: { outcome: string }[] }).results[0]!.outcome).sort();
    expect(outcomes).toEqual(['already_enrolled', 'enrolled']);
    const enrolmentId = ((a.body as { results: { enrolmentId?: string }[] }).results[0]!.enrolmentId ?? (b.body as { results: { enrolmentId?: string }[] }).results[0]!.enrolmentId)!;
    await w.t.http().post(`/api/v1/enrolments/${enrolmentId}/unenrol`).set('authorization', w.admin.auth).expect(200);
    const again = await enrol(w.admin.auth, { contactIds: [amy] }).expect(200);
    expect(again.body).toMatchObject({ enrolled: 1 });
    const rows = await w.t.db.query<{ status: string }[]>(`SELECT status FROM enrolments WHERE contact_id = $1 ORDER BY created_at, status`, [amy]);
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'exited']);
  });

  it('skips contacts without consent or on the suppression list, and enrols a saved audience', async () => {
    const pending = await addContact(w.t, w.partnerId, 'pending@skip.example', { consent: 'pending' });
    const gone = await addContact(w.t, w.partnerId, 'gone@skip.example');
    await w.t.db.query(`INSERT INTO suppressions (partner_id, email_normalised, reason) VALUES ($1, 'gone@skip.example', 'unsubscribed')`, [w.partnerId]);
    const res = await enrol(w.admin.auth, { contactIds: [pending, gone] }).expect(200);
    expect(res.body).toMatchObject({ enrolled: 0, results: [{ ref: pending, outcome: 'no_consent' }, { ref: gone, outcome: 'suppressed' }] });

    await addContact(w.t, w.partnerId, 'one@audience.example', { company: 'Audience Co' });
    await addContact(w.t, w.partnerId, 'two@audience.example', { company: 'Audience Co' });
    const audience = await w.t.http().post('/api/v1/audiences').set('authorization', w.admin.auth).send({ name: 'Audience Co', filter: { companyContains: 'Audience' } }).expect(201);
    const viaAudience = await enrol(w.admin.auth, { audienceId: (audience.body as { id: string }).id }).expect(200);
    expect(viaAudience.body).toMatchObject({ enrolled: 2 });
  });

  it('enrols the partner’s contacts from a CSV of addresses, reporting every row', async () => {
    await addContact(w.t, w.partnerId, 'csv1@csv.example');
    await addContact(w.t, w.partnerId, 'csv2@csv.example', { consent: 'denied' });
    await addContact(w.t, otherPartnerId, 'theirs@csv.example');
    const csv = 'name,email\nOne,CSV1@csv.example\nTwo,csv2@csv.example\nTheirs,theirs@csv.example\nBroken,not-an-address\n';
    const res = await w.t.http().post(`/api/v1/sequences/${sequenceId}/enrolments/csv`).set('authorization', w.admin.auth).attach('file', Buffer.from(csv), 'list.csv').expect(200);
    expect(res.body).toEqual({
      enrolled: 1,
      results: [
        { ref: 'CSV1@csv.example', row: 2, outcome: 'enrolled', enrolmentId: expect.any(String) },
        { ref: 'csv2@csv.example', row: 3, outcome: 'no_consent' },
        { ref: 'theirs@csv.example', row: 4, outcome: 'not_found' },
        { ref: 'not-an-address', row: 5, outcome: 'not_found' },
      ],
    });
    const bad = await w.t.http().post(`/api/v1/sequences/${sequenceId}/enrolments/csv`).set('authorization', w.admin.auth).attach('file', Buffer.from('name\nOne\n'), 'list.csv').expect(422);
    expect(bad.body).toMatchObject({ code: 'ENROLMENT_CSV_INVALID', details: { fields: [expect.objectContaining({ field: 'file' })] } });
  });

  it('keeps partners apart: another partner’s sequence, contact, audience and enrolment answer 404', async () => {
    const mine = await addContact(w.t, w.partnerId, 'mine@private.example');
    const theirs = await addContact(w.t, otherPartnerId, 'theirs@private.example');
    // The other partner has not launched the kit: the sequence is not there for it.
    await w.t.http().get(`/api/v1/sequences/${sequenceId}`).set('authorization', otherAdmin.auth).expect(404);
    await enrol(otherAdmin.auth, { contactIds: [theirs] }).expect(404);
    // Enrolling someone else's contact is refused as unknown, and enrols nobody.
    const refused = await enrol(w.admin.auth, { contactIds: [mine, theirs] }).expect(404);
    expect(refused.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(await w.t.db.query(`SELECT 1 FROM enrolments WHERE contact_id IN ($1, $2)`, [mine, theirs])).toHaveLength(0);
    const otherAudience = await w.t.http().post('/api/v1/audiences').set('authorization', otherAdmin.auth).send({ name: 'Theirs', filter: {} }).expect(201);
    await enrol(w.admin.auth, { audienceId: (otherAudience.body as { id: string }).id }).expect(404);

    const res = await enrol(w.admin.auth, { contactIds: [mine] }).expect(200);
    const enrolmentId = (res.body as { results: { enrolmentId: string }[] }).results[0]!.enrolmentId;
    await w.t.http().get(`/api/v1/enrolments/${enrolmentId}`).set('authorization', otherAdmin.auth).expect(404);
    await w.t.http().post(`/api/v1/enrolments/${enrolmentId}/unenrol`).set('authorization', otherAdmin.auth).expect(404);
    const list = await w.t.http().get('/api/v1/enrolments').set('authorization', otherAdmin.auth).expect(200);
    expect((list.body as { items: unknown[] }).items).toEqual([]);
    const own = await w.t.http().get(`/api/v1/enrolments?contactId=${mine}`).set('authorization', w.admin.auth).expect(200);
    expect((own.body as { items: { id: string }[] }).items.map((e) => e.id)).toEqual([enrolmentId]);
    // Vendors author sequences but do not read partners' contact enrolments.
    await w.t.http().get('/api/v1/enrolments').set('authorization', w.marketer.auth).expect(403);
  });

  it('refuses a bad sequence with each field named, and partners may not author', async () => {
    const res = await w.t
      .http()
      .post('/api/v1/sequences')
      .set('authorization', w.marketer.auth)
      .send({ name: 'Bad', kitId: w.kitId, steps: [{ type: 'wait', until: { time: '9am' } }, { type: 'branch', on: { step: 0, event: 'clicked' }, then: 0, else: 1 }], quietHours: { start: '20:00', end: '25:00' } })
      .expect(400);
    const fields = (res.body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['steps[0].until.time', 'steps[1].on.step', 'steps[1].then', 'quietHours.end']));
    const unknown = await w.t.http().post('/api/v1/sequences').set('authorization', w.marketer.auth).send({ name: 'X', steps: [], colour: 'red' }).expect(400);
    expect((unknown.body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field)).toContain('colour');
    await w.t.http().post('/api/v1/sequences').set('authorization', w.admin.auth).send({ name: 'Mine', steps: [{ type: 'exit' }] }).expect(403);
  });

  it('enrols a lead captured on the landing page, only when it gave consent', async () => {
    await runDue(w.t);
    const slug = 'lead-nurture-kit';
    const kitId = await publishedKit(w.t, w.marketer, w.tierId, w.templateIds, slug);
    const leadSequence = await publishedSequence(w.t, w.marketer, { kitId, steps: [{ type: 'email', templateId: w.templateIds['product-launch'] }] });
    await w.t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', w.admin.auth).send({}).expect(201);
    await w.t.http().post(`/p/${w.partnerSlug}/${slug}/lead`).type('form').send({ email: 'yes@lead.example', firstName: 'Yes', consent: 'on' }).expect(200);
    await w.t.http().post(`/p/${w.partnerSlug}/${slug}/lead`).type('form').send({ email: 'no@lead.example', firstName: 'No' }).expect(200);

    const deadline = Date.now() + 15_000;
    let rows: { email: string; source: string; lead_id: string | null }[] = [];
    while (Date.now() < deadline) {
      rows = await w.t.db.query(`SELECT c.email, e.source, e.lead_id FROM enrolments e JOIN contacts c ON c.id = e.contact_id WHERE e.sequence_id = $1`, [leadSequence]);
      if (rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(rows).toEqual([{ email: 'yes@lead.example', source: 'lead', lead_id: expect.any(String) }]);
    // Running the job again (or for the lead without consent) enrols nobody.
    const leads = await w.t.db.query<{ id: string }[]>(`SELECT id FROM leads WHERE launch_id IN (SELECT id FROM launches WHERE kit_id = $1)`, [kitId]);
    for (const lead of leads) expect(await w.t.get(NurtureService).leadCaptured(lead.id)).toBe(0);
    expect(await w.t.db.query(`SELECT 1 FROM enrolments WHERE sequence_id = $1`, [leadSequence])).toHaveLength(1);
    await runDue(w.t);
    const messages = await w.t.db.query<{ to_address: string }[]>(`SELECT m.to_address FROM messages m JOIN enrolments e ON e.id = m.enrolment_id WHERE e.sequence_id = $1`, [leadSequence]);
    expect(messages).toEqual([{ to_address: 'yes@lead.example' }]);
  });
});
