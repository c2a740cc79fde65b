import { randomUUID } from 'node:crypto';
import { MessageSender } from '@app/mailing';
import { NurtureService } from '@app/nurture';
import { makePartner, makeUser } from '@app/testing';
import { addContact, advanceTo, messagesTo, NurtureWorld, nurtureWorld, publishedSequence, runDue, signInAgain } from './nurture-world';

describe('nurture branches and exits', () => {
  let w: NurtureWorld;

  beforeAll(async () => {
    w = await nurtureWorld('2026-11-02T15:00:00Z');
  });
  afterAll(() => w.t.close());

  const enrol = async (sequenceId: string, contactIds: string[]): Promise<Record<string, string>> => {
    const res = await w.t.http().post(`/api/v1/sequences/${sequenceId}/enrolments`).set('authorization', w.admin.auth).send({ contactIds }).expect(200);
    const results = (res.body as { results: { ref: string; enrolmentId: string }[] }).results;
    return Object.fromEntries(results.map((r) => [r.ref, r.enrolmentId]));
  };

  async function click(messageId: string, flags: { bot: boolean; scanner: boolean }): Promise<void> {
    await w.t.db.query(
      `INSERT INTO link_clicks (click_id, link_id, partner_id, launch_id, asset_key, at, ip_hash, ua_family, outcome, bot, scanner, is_unique, message_id)
       VALUES ($1, $2, $3, $4, 'product-launch.product', $5, 'h', 'other', 'redirect', $6, $7, true, $8)`,
      [randomUUID(), randomUUID(), w.partnerId, w.launchId, w.t.clock.now(), flags.bot, flags.scanner, messageId],
    );
  }

  it('follows a branch on a real click; bot and scanner clicks do not count', async () => {
    const email = w.templateIds['product-launch']!;
    const sequenceId = await publishedSequence(w.t, w.marketer, {
      kitId: w.kitId,
      steps: [
        { type: 'email', templateId: email },
        { type: 'wait', days: 2 },
        { type: 'branch', on: { step: 0, event: 'clicked' }, then: 3, else: 4 },
        { type: 'email', templateId: email },
        { type: 'exit' },
      ],
    });
    const human = await addContact(w.t, w.partnerId, 'human@branch.example');
    const bot = await addContact(w.t, w.partnerId, 'bot@branch.example');
    const idle = await addContact(w.t, w.partnerId, 'idle@branch.example');
    await enrol(sequenceId, [human, bot, idle]);
    await runDue(w.t);
    await w.t.get(MessageSender).drain();
    await click((await messagesTo(w.t, 'human@branch.example'))[0]!.id, { bot: false, scanner: false });
    await click((await messagesTo(w.t, 'bot@branch.example'))[0]!.id, { bot: true, scanner: false });
    await click((await messagesTo(w.t, 'bot@branch.example'))[0]!.id, { bot: false, scanner: true });

    await advanceTo(w.t, '2026-11-04T15:30:00Z');
    expect((await messagesTo(w.t, 'human@branch.example')).map((m) => m.step_index)).toEqual([0, 3]);
    expect((await messagesTo(w.t, 'bot@branch.example')).map((m) => m.step_index)).toEqual([0]);
    expect((await messagesTo(w.t, 'idle@branch.example')).map((m) => m.step_index)).toEqual([0]);
    const ended = await w.t.db.query<{ contact_id: string; status: string; exit_reason: string | null }[]>(`SELECT contact_id, status, exit_reason FROM enrolments WHERE sequence_id = $1`, [sequenceId]);
    expect(ended.find((e) => e.contact_id === bot)).toMatchObject({ status: 'completed', exit_reason: 'exit_step' });

    await signInAgain(w.t, w.marketer, w.admin);
    const results = await w.t.http().get(`/api/v1/sequences/${sequenceId}/results`).set('authorization', w.marketer.auth).expect(200);
    expect(results.body).toMatchObject({ enrolled: 3, sent: 3, clicked: 1, steps: [expect.objectContaining({ stepIndex: 0, type: 'email', sent: 3, clicked: 1 }), expect.objectContaining({ stepIndex: 3, queued: 1 })] });
  });

  it('stops the next step on unsubscribe, reply (marked or inbound), conversion and a registered deal', async () => {
    await signInAgain(w.t, w.marketer, w.admin);
    const email = w.templateIds['product-launch']!;
    const sequenceId = await publishedSequence(w.t, w.marketer, {
      kitId: w.kitId,
      steps: [{ type: 'email', templateId: email }, { type: 'wait', days: 1 }, { type: 'email', templateId: email }],
    });
    const ids = {
      unsub: await addContact(w.t, w.partnerId, 'unsub@exit.example'),
      marked: await addContact(w.t, w.partnerId, 'marked@exit.example'),
      inbound: await addContact(w.t, w.partnerId, 'inbound@exit.example'),
      converted: await addContact(w.t, w.partnerId, 'converted@exit.example'),
      deal: await addContact(w.t, w.partnerId, 'buyer@bigcorp.example'),
      control: await addContact(w.t, w.partnerId, 'control@exit.example'),
    };
    const enrolments = await enrol(sequenceId, Object.values(ids));
    await runDue(w.t);
    await w.t.get(MessageSender).drain();

    await w.t.db.query(`INSERT INTO suppressions (partner_id, email_normalised, reason) VALUES ($1, 'unsub@exit.example', 'unsubscribed')`, [w.partnerId]);
    const marked = await w.t.http().post(`/api/v1/enrolments/${enrolments[ids.marked]}/replied`).set('authorization', w.admin.auth).expect(200);
    expect(marked.body).toMatchObject({ status: 'exited', exitReason: 'replied' });
    await w.t.db.query(`UPDATE messages SET replied_at = $2 WHERE enrolment_id = $1`, [enrolments[ids.inbound], w.t.clock.now()]);
    const lead = await w.t.db.query<{ id: string }[]>(
      `INSERT INTO leads (partner_id, launch_id, contact_id, consent, source, created_at) VALUES ($1, $2, $3, 'granted', 'landing_page', $4) RETURNING id`,
      [w.partnerId, w.launchId, ids.converted, w.t.clock.now()],
    );
    const converted = await w.t.http().patch(`/api/v1/leads/${lead[0]!.id}`).set('authorization', w.admin.auth).send({ status: 'converted' }).expect(200);
    expect(converted.body).toMatchObject({ status: 'converted', statusChangedAt: w.t.clock.now().toISOString() });
    expect(await w.t.get(NurtureService).dealRegistered({ partnerId: w.partnerId, companyDomain: 'https://www.BigCorp.example/' })).toEqual({ contacts: 1, program: 0 });

    await advanceTo(w.t, '2026-11-05T16:00:00Z');
    const rows = await w.t.db.query<{ contact_id: string; status: string; exit_reason: string | null }[]>(`SELECT contact_id, status, exit_reason FROM enrolments WHERE sequence_id = $1`, [sequenceId]);
    const reason = (id: string) => rows.find((r) => r.contact_id === id)?.exit_reason;
    expect([reason(ids.unsub), reason(ids.marked), reason(ids.inbound), reason(ids.converted), reason(ids.deal)]).toEqual(['unsubscribed', 'replied', 'replied', 'converted', 'deal_registered']);
    expect(rows.find((r) => r.contact_id === ids.control)).toMatchObject({ status: 'completed', exit_reason: null });
    for (const address of ['unsub@exit.example', 'marked@exit.example', 'inbound@exit.example', 'converted@exit.example', 'buyer@bigcorp.example']) {
      expect((await messagesTo(w.t, address)).map((m) => m.step_index)).toEqual([0]);
    }
    expect((await messagesTo(w.t, 'control@exit.example')).map((m) => m.step_index)).toEqual([0, 2]);
  });

  it('cancels an email already written when an exit holds by the time it is sent', async () => {
    await signInAgain(w.t, w.marketer, w.admin);
    const sequenceId = await publishedSequence(w.t, w.marketer, { kitId: w.kitId, steps: [{ type: 'email', templateId: w.templateIds['product-launch'] }] });
    const late = await addContact(w.t, w.partnerId, 'late@guard.example');
    await enrol(sequenceId, [late]);
    await runDue(w.t);
    expect((await messagesTo(w.t, 'late@guard.example')).map((m) => m.status)).toEqual(['queued']);
    // Converted between the step and the send: the send guard stops it.
    await w.t.db.query(`INSERT INTO leads (partner_id, launch_id, contact_id, consent, source, created_at, status) VALUES ($1, $2, $3, 'granted', 'landing_page', $4, 'converted')`, [
      w.partnerId,
      w.launchId,
      late,
      w.t.clock.now(),
    ]);
    await w.t.get(MessageSender).drain();
    expect(w.t.mail.list().filter((m) => m.to[0] === 'late@guard.example')).toHaveLength(0);
    const [message] = await messagesTo(w.t, 'late@guard.example');
    expect(message).toMatchObject({ status: 'cancelled' });
    const history = await w.t.http().get(`/api/v1/enrolments/${message!.enrolment_id}`).set('authorization', w.admin.auth).expect(200);
    expect((history.body as { messages: { history: { type: string; detail: unknown }[] }[] }).messages[0]!.history).toEqual([
      expect.objectContaining({ type: 'queued' }),
      expect.objectContaining({ type: 'cancelled', detail: expect.objectContaining({ reason: 'enrolment exit: converted' }) }),
    ]);
  });

  it('lets only the lead’s own partner set its status, naming a bad field', async () => {
    await signInAgain(w.t, w.admin);
    const contact = await addContact(w.t, w.partnerId, 'status@lead.example');
    const lead = await w.t.db.query<{ id: string }[]>(
      `INSERT INTO leads (partner_id, launch_id, contact_id, consent, source, created_at) VALUES ($1, $2, $3, 'granted', 'landing_page', $4) RETURNING id`,
      [w.partnerId, w.launchId, contact, w.t.clock.now()],
    );
    const other = await makePartner(w.t, { tierId: w.tierId });
    const otherAdmin = await makeUser(w.t, 'partner_admin', { partnerId: other.id });
    await w.t.http().patch(`/api/v1/leads/${lead[0]!.id}`).set('authorization', otherAdmin.auth).send({ status: 'converted' }).expect(404);
    const bad = await w.t.http().patch(`/api/v1/leads/${lead[0]!.id}`).set('authorization', w.admin.auth).send({ status: 'won' }).expect(400);
    expect(bad.body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'status' })] } });
    const rows = await w.t.db.query<{ status: string }[]>(`SELECT status FROM leads WHERE id = $1`, [lead[0]!.id]);
    expect(rows[0]!.status).toBe('new');
  });
});
