import { randomUUID } from 'node:crypto';
import { MessageSender } from '@app/mailing';
import { makePartner, makeTier, makeUser, TestUser } from '@app/testing';
import { addContact, advanceTo, NurtureWorld, nurtureWorld, programTemplate, publishedSequence, runDue, signInAgain } from './nurture-world';

interface Report {
  enrolled: number;
  results: { ref: string; outcome: string; enrolmentId?: string; partnerId?: string }[];
}

describe('nurture: vendors enrol partner users into their partner-facing sequences', () => {
  let w: NurtureWorld;
  let manager: TestUser;
  let finance: TestUser;
  let programId: string;
  let kitSequenceId: string;

  beforeAll(async () => {
    w = await nurtureWorld('2026-11-02T15:00:00Z', 'program-enrol-kit');
    manager = await makeUser(w.t, 'channel_manager');
    finance = await makeUser(w.t, 'finance');
    const template = await programTemplate(w.t);
    programId = await publishedSequence(w.t, w.marketer, {
      name: 'Deal registration training',
      steps: [{ type: 'email', templateId: template }, { type: 'wait', days: 2 }, { type: 'email', templateId: template }],
    });
    kitSequenceId = await publishedSequence(w.t, w.marketer, { kitId: w.kitId, steps: [{ type: 'email', templateId: w.templateIds['product-launch'] }] });
  });
  afterAll(() => w.t.close());

  const enrol = (auth: string, body: Record<string, unknown>, id = programId) => w.t.http().post(`/api/v1/sequences/${id}/enrolments`).set('authorization', auth).send(body);
  const userEnrolments = (sequenceId: string) =>
    w.t.db.query<{ user_id: string; partner_id: string; status: string; source: string; enrolled_by: string; exit_reason: string | null }[]>(
      `SELECT user_id, partner_id, status, source, enrolled_by, exit_reason FROM enrolments WHERE sequence_id = $1 ORDER BY created_at, user_id`,
      [sequenceId],
    );
  const inbox = (address: string) => w.t.mail.list().filter((m) => m.to[0] === address.toLowerCase());
  const fieldsOf = (body: unknown) => (body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);

  it('enrols partner users by id, by partner (admins, or every role) and by tier, once each, with an outcome per recipient', async () => {
    const northwindUser = await makeUser(w.t, 'partner_user', { partnerId: w.partnerId, email: 'sam@northwind.example' });
    const disabledAdmin = await makeUser(w.t, 'partner_admin', { partnerId: w.partnerId });
    await w.t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [disabledAdmin.user.id]);

    const silver = await makeTier(w.t, { name: 'Silver' });
    const contoso = await makePartner(w.t, { tierId: silver.id, name: 'Contoso' });
    const contosoAdmin = await makeUser(w.t, 'partner_admin', { partnerId: contoso.id, email: 'ada@contoso.example' });
    const dormant = await makePartner(w.t, { tierId: silver.id, name: 'Dormant', status: 'inactive' });
    await makeUser(w.t, 'partner_admin', { partnerId: dormant.id });
    const noAdmin = await makePartner(w.t, { tierId: silver.id, name: 'No Admin Yet' });
    const noAdminUser = await makeUser(w.t, 'partner_user', { partnerId: noAdmin.id, email: 'lee@noadmin.example' });
    const unknown = randomUUID();

    // By user: a vendor user or an unknown id is not a partner user; a disabled one is reported as such.
    const byUser = await enrol(manager.auth, { userIds: [northwindUser.user.id, disabledAdmin.user.id, unknown, w.marketer.user.id] }).expect(200);
    expect(byUser.body).toEqual({
      enrolled: 1,
      results: [
        { ref: northwindUser.user.id, outcome: 'enrolled', enrolmentId: expect.any(String), partnerId: w.partnerId },
        { ref: disabledAdmin.user.id, outcome: 'inactive', partnerId: w.partnerId },
        { ref: unknown, outcome: 'not_found' },
        { ref: w.marketer.user.id, outcome: 'not_found' },
      ],
    });

    // By partner: its active admins by default.
    const byPartner = (await enrol(w.marketer.auth, { partnerIds: [w.partnerId, contoso.id] }).expect(200)).body as Report;
    expect(byPartner.results).toEqual([
      { ref: w.admin.user.id, outcome: 'enrolled', enrolmentId: expect.any(String), partnerId: w.partnerId },
      { ref: contosoAdmin.user.id, outcome: 'enrolled', enrolmentId: expect.any(String), partnerId: contoso.id },
    ]);
    // Both roles: every active user; those already in the sequence stay in it once.
    const everyone = (await enrol(manager.auth, { partnerIds: [w.partnerId], roles: ['partner_admin', 'partner_user'] }).expect(200)).body as Report;
    expect(everyone).toEqual({
      enrolled: 0,
      results: expect.arrayContaining([
        { ref: w.admin.user.id, outcome: 'already_enrolled', partnerId: w.partnerId },
        { ref: northwindUser.user.id, outcome: 'already_enrolled', partnerId: w.partnerId },
      ]),
    });
    expect(everyone.results).toHaveLength(2);

    // By tier: every partner of the tier; an inactive partner and one without an admin say so.
    const missingTier = randomUUID();
    const byTier = (await enrol(manager.auth, { tierIds: [silver.id, missingTier] }).expect(200)).body as Report;
    expect(byTier.results).toEqual(
      expect.arrayContaining([
        { ref: contosoAdmin.user.id, outcome: 'already_enrolled', partnerId: contoso.id },
        { ref: dormant.id, outcome: 'inactive', partnerId: dormant.id },
        { ref: noAdmin.id, outcome: 'no_recipients', partnerId: noAdmin.id },
        { ref: missingTier, outcome: 'not_found' },
      ]),
    );
    expect(byTier.results).toHaveLength(4);
    const tierEveryone = (await enrol(manager.auth, { tierIds: [silver.id], roles: ['partner_user'] }).expect(200)).body as Report;
    expect(tierEveryone.results).toEqual(expect.arrayContaining([{ ref: noAdminUser.user.id, outcome: 'enrolled', enrolmentId: expect.any(String), partnerId: noAdmin.id }]));

    const rows = await userEnrolments(programId);
    expect(rows.map((r) => r.user_id).sort()).toEqual([northwindUser.user.id, w.admin.user.id, contosoAdmin.user.id, noAdminUser.user.id].sort());
    expect(rows.every((r) => r.status === 'active' && r.source === 'manual')).toBe(true);
    expect(rows.find((r) => r.user_id === contosoAdmin.user.id)).toMatchObject({ partner_id: contoso.id, enrolled_by: w.marketer.user.id });

    // Who enrolled whom is on the audit trail.
    const audit = await w.t.db.query<{ actor_user_id: string; after: { enrolled: { userId: string }[] } }[]>(
      `SELECT actor_user_id, after FROM audit_events WHERE action = 'sequence.partner_users_enrolled' AND entity_id = $1 ORDER BY occurred_at, id`,
      [programId],
    );
    expect(audit.map((a) => [a.actor_user_id, a.after.enrolled.map((e) => e.userId).sort()])).toEqual([
      [manager.user.id, [northwindUser.user.id]],
      [w.marketer.user.id, [w.admin.user.id, contosoAdmin.user.id].sort()],
      [manager.user.id, [noAdminUser.user.id]],
    ]);

    // The partner users get the vendor's email.
    await runDue(w.t);
    await w.t.get(MessageSender).drain();
    // The sink answers SMTP only once it has stored the message: after the drain, it is there.
    const mail = inbox('ada@contoso.example')[0]!;
    expect(mail.subject).toBe('Your first registered deal is one step away');
    expect(mail.from).toBe('"ChannelKit" <no-reply@channelkit.local>');
    expect(mail.html).toContain('Contoso');
    expect(inbox('sam@northwind.example')).toHaveLength(1);
  });

  it('lets vendors list, read and take partner users out, and see the results, but never a partner’s contact enrolments', async () => {
    const listed = await w.t.http().get(`/api/v1/enrolments?sequenceId=${programId}&userId=${w.admin.user.id}`).set('authorization', manager.auth).expect(200);
    const items = (listed.body as { items: { id: string; userId: string; partnerId: string; contactId: string | null; status: string }[] }).items;
    expect(items).toEqual([expect.objectContaining({ userId: w.admin.user.id, partnerId: w.partnerId, contactId: null, status: 'active' })]);
    const all = await w.t.http().get(`/api/v1/enrolments?sequenceId=${programId}`).set('authorization', w.marketer.auth).expect(200);
    expect((all.body as { items: unknown[] }).items).toHaveLength(4);

    const detail = await w.t.http().get(`/api/v1/enrolments/${items[0]!.id}`).set('authorization', manager.auth).expect(200);
    expect((detail.body as { messages: { stepIndex: number; status: string }[] }).messages).toEqual([expect.objectContaining({ stepIndex: 0, status: 'sent' })]);

    const out = await w.t.http().post(`/api/v1/enrolments/${items[0]!.id}/unenrol`).set('authorization', manager.auth).expect(200);
    expect(out.body).toMatchObject({ status: 'exited', exitReason: 'unenrolled', userId: w.admin.user.id });
    const audit = await w.t.db.query<{ actor_user_id: string }[]>(`SELECT actor_user_id FROM audit_events WHERE action = 'enrolment.unenrolled' AND entity_id = $1`, [items[0]!.id]);
    expect(audit).toEqual([{ actor_user_id: manager.user.id }]);

    // A partner's contact enrolment stays the partner's.
    const contact = await addContact(w.t, w.partnerId, 'private@contact.example');
    const enrolled = await enrol(w.admin.auth, { contactIds: [contact] }, kitSequenceId).expect(200);
    const contactEnrolment = (enrolled.body as Report).results[0]!.enrolmentId!;
    await w.t.http().get(`/api/v1/enrolments?sequenceId=${kitSequenceId}`).set('authorization', w.marketer.auth).expect(403);
    await w.t.http().get('/api/v1/enrolments').set('authorization', w.marketer.auth).expect(403);
    await w.t.http().get(`/api/v1/enrolments/${contactEnrolment}`).set('authorization', w.marketer.auth).expect(404);
    await w.t.http().post(`/api/v1/enrolments/${contactEnrolment}/unenrol`).set('authorization', manager.auth).expect(404);
    expect((await w.t.db.query<{ status: string }[]>(`SELECT status FROM enrolments WHERE id = $1`, [contactEnrolment]))[0]!.status).toBe('active');
    // Finance does not run programs.
    await enrol(finance.auth, { userIds: [w.admin.user.id] }).expect(403);
    await w.t.http().get(`/api/v1/enrolments?sequenceId=${programId}`).set('authorization', finance.auth).expect(403);

    // The one taken out gets no second email; the others do.
    await advanceTo(w.t, '2026-11-04T15:30:00Z');
    await w.t.get(MessageSender).drain();
    expect(inbox('ada@contoso.example')).toHaveLength(2);
    expect(inbox(w.admin.user.email)).toHaveLength(1);

    await signInAgain(w.t, w.marketer);
    const results = await w.t.http().get(`/api/v1/sequences/${programId}/results`).set('authorization', w.marketer.auth).expect(200);
    expect(results.body).toMatchObject({ enrolled: 4, exitedByReason: { unenrolled: 1 }, steps: [expect.objectContaining({ stepIndex: 0, sent: 4 }), expect.objectContaining({ stepIndex: 2, sent: 3 })] });
  });

  it('refuses a wrong combination naming the field, and the wrong kind of sequence for who is asking', async () => {
    await signInAgain(w.t, w.marketer, w.admin);
    const manager2 = await makeUser(w.t, 'channel_manager');
    const before = await w.t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM enrolments`);

    expect(fieldsOf((await enrol(manager2.auth, {}).expect(400)).body)).toEqual(['userIds']);
    expect(fieldsOf((await enrol(manager2.auth, { contactIds: [randomUUID()] }).expect(400)).body)).toEqual(['contactIds']);
    expect(fieldsOf((await enrol(manager2.auth, { userIds: [w.admin.user.id], partnerIds: [w.partnerId] }).expect(400)).body)).toEqual(['partnerIds']);
    expect(fieldsOf((await enrol(manager2.auth, { userIds: [w.admin.user.id], roles: ['partner_user'] }).expect(400)).body)).toEqual(['roles']);
    expect(fieldsOf((await enrol(manager2.auth, { partnerIds: [] }).expect(400)).body)).toEqual(['partnerIds']);
    expect(fieldsOf((await enrol(manager2.auth, { partnerIds: [w.partnerId], roles: ['vendor_admin'] }).expect(400)).body)).toEqual(['roles']);
    const tooMany = Array.from({ length: 501 }, () => randomUUID());
    expect(fieldsOf((await enrol(manager2.auth, { partnerIds: tooMany }).expect(400)).body)).toEqual(['partnerIds']);

    // Vendors do not enrol into a kit sequence (its recipients are partners' contacts).
    const kit = await enrol(manager2.auth, { userIds: [w.admin.user.id] }, kitSequenceId).expect(403);
    expect(kit.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Contacts belong to partners') });
    // A draft takes nobody yet.
    const draft = await w.t.http().post('/api/v1/sequences').set('authorization', w.marketer.auth).send({ name: 'Draft program', steps: [{ type: 'exit' }] }).expect(201);
    await enrol(manager2.auth, { userIds: [w.admin.user.id] }, (draft.body as { id: string }).id).expect(409);
    await enrol(manager2.auth, { userIds: [w.admin.user.id] }, randomUUID()).expect(404);

    // Partners enrol contacts, and not into the vendor's programs.
    expect(fieldsOf((await enrol(w.admin.auth, { userIds: [w.admin.user.id] }, kitSequenceId).expect(400)).body)).toEqual(['userIds']);
    const contact = await addContact(w.t, w.partnerId, 'refused@contact.example');
    const program = await enrol(w.admin.auth, { contactIds: [contact] }).expect(403);
    expect(program.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('only the vendor enrols') });

    expect(await w.t.db.query(`SELECT count(*)::int AS n FROM enrolments`)).toEqual(before);
  });
});
