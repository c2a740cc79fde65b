import { MessageSender } from '@app/mailing';
import { NurtureService } from '@app/nurture';
import { addContact, advanceTo, messagesTo, NurtureWorld, nurtureWorld, publishedSequence, runDue, signInAgain } from './nurture-world';

describe('nurture sequence: each step at the right local time, exactly once', () => {
  let w: NurtureWorld;
  const iso = (d: Date) => new Date(d).toISOString();

  // Monday 2026-11-02 12:00 UTC: 07:00 in New York, 13:00 in Berlin, 21:00 in Tokyo.
  beforeAll(async () => {
    w = await nurtureWorld('2026-11-02T12:00:00Z');
  });
  afterAll(() => w.t.close());

  const enrol = async (sequenceId: string, contactIds: string[]) =>
    (await w.t.http().post(`/api/v1/sequences/${sequenceId}/enrolments`).set('authorization', w.admin.auth).send({ contactIds }).expect(200)).body as {
      enrolled: number;
      results: { ref: string; outcome: string; enrolmentId?: string }[];
    };

  it('schedules a three-step sequence in each contact’s time zone, moving emails out of quiet hours', async () => {
    const email = w.templateIds['product-launch']!;
    const sequenceId = await publishedSequence(w.t, w.marketer, {
      kitId: w.kitId,
      steps: [
        { type: 'email', templateId: email },
        { type: 'wait', until: { time: '09:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] } },
        { type: 'email', templateId: email },
      ],
      quietHours: { start: '20:00', end: '08:00' },
    });
    const ana = await addContact(w.t, w.partnerId, 'ana@schedule.example', { firstName: 'Ana' }); // the partner's zone: New York
    const lea = await addContact(w.t, w.partnerId, 'lea@schedule.example', { firstName: 'Lea', timeZone: 'Europe/Berlin' });
    const ken = await addContact(w.t, w.partnerId, 'ken@schedule.example', { firstName: 'Ken', timeZone: 'Asia/Tokyo' });
    expect((await enrol(sequenceId, [ana, lea, ken])).enrolled).toBe(3);

    await runDue(w.t);
    const first = async (address: string) => (await messagesTo(w.t, address)).map((m) => [m.step_index, iso(m.due_at)]);
    // Step 0: now in Berlin (13:00); at the end of the quiet hours (08:00 local) in New York and Tokyo.
    expect(await first('lea@schedule.example')).toEqual([[0, '2026-11-02T12:00:00.000Z']]);
    expect(await first('ana@schedule.example')).toEqual([[0, '2026-11-02T13:00:00.000Z']]);
    expect(await first('ken@schedule.example')).toEqual([[0, '2026-11-02T23:00:00.000Z']]);

    await advanceTo(w.t, '2026-11-03T12:00:00Z');
    await signInAgain(w.t, w.marketer, w.admin);
    // Step 2: the next weekday 09:00 local after the first email.
    expect(await first('ana@schedule.example')).toEqual([
      [0, '2026-11-02T13:00:00.000Z'],
      [2, '2026-11-02T14:00:00.000Z'],
    ]);
    expect(await first('lea@schedule.example')).toEqual([
      [0, '2026-11-02T12:00:00.000Z'],
      [2, '2026-11-03T08:00:00.000Z'],
    ]);
    expect(await first('ken@schedule.example')).toEqual([
      [0, '2026-11-02T23:00:00.000Z'],
      [2, '2026-11-03T00:00:00.000Z'],
    ]);
    const states = await w.t.db.query<{ status: string }[]>(`SELECT status FROM enrolments WHERE sequence_id = $1`, [sequenceId]);
    expect(states.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);

    // The emails go out co-branded from the partner, each once.
    await w.t.get(MessageSender).drain();
    const caught = w.t.mail.list().filter((m) => m.to[0]?.endsWith('@schedule.example'));
    expect(caught.map((m) => m.to[0]).sort()).toEqual([
      'ana@schedule.example',
      'ana@schedule.example',
      'ken@schedule.example',
      'ken@schedule.example',
      'lea@schedule.example',
      'lea@schedule.example',
    ]);
    expect(caught.find((m) => m.to[0] === 'ana@schedule.example')!.from).toContain('Northwind Systems');
    expect(caught.find((m) => m.to[0] === 'ken@schedule.example')!.html).toContain('Hi Ken');
  });

  it('never writes the same step twice when ticks run at the same moment', async () => {
    const sequenceId = await publishedSequence(w.t, w.marketer, {
      kitId: w.kitId,
      steps: [{ type: 'email', templateId: w.templateIds['product-launch'] }, { type: 'wait', minutes: 30 }, { type: 'email', templateId: w.templateIds['product-launch'] }],
    });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await addContact(w.t, w.partnerId, `race${i}@race.example`));
    await enrol(sequenceId, ids);
    const nurture = w.t.get(NurtureService);
    await Promise.all([nurture.tick(), nurture.tick(), nurture.tick(), nurture.tick()]);
    await runDue(w.t);
    w.t.clock.advanceMinutes(30);
    await Promise.all([nurture.tick(), nurture.tick(), nurture.tick()]);
    await runDue(w.t);
    const rows = await w.t.db.query<{ step_index: number; n: number }[]>(
      `SELECT m.step_index, count(*)::int AS n FROM messages m JOIN enrolments e ON e.id = m.enrolment_id WHERE e.sequence_id = $1 GROUP BY m.step_index ORDER BY m.step_index`,
      [sequenceId],
    );
    expect(rows).toEqual([
      { step_index: 0, n: 40 },
      { step_index: 2, n: 40 },
    ]);
    const events = await w.t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM message_events ev JOIN messages m ON m.id = ev.message_id JOIN enrolments e ON e.id = m.enrolment_id WHERE e.sequence_id = $1 AND ev.type = 'queued'`,
      [sequenceId],
    );
    expect(events[0]!.n).toBe(80);
  });

  it('holds a paused sequence’s emails and sends them when it resumes', async () => {
    const sequenceId = await publishedSequence(w.t, w.marketer, {
      kitId: w.kitId,
      steps: [{ type: 'email', templateId: w.templateIds['product-launch'] }, { type: 'wait', hours: 1 }, { type: 'email', templateId: w.templateIds['product-launch'] }],
    });
    const zoe = await addContact(w.t, w.partnerId, 'zoe@pause.example');
    await enrol(sequenceId, [zoe]);
    await runDue(w.t);
    await w.t.http().post(`/api/v1/sequences/${sequenceId}/pause`).set('authorization', w.marketer.auth).expect(200);
    await w.t.get(MessageSender).drain();
    expect(w.t.mail.list().filter((m) => m.to[0] === 'zoe@pause.example')).toHaveLength(0);
    expect((await messagesTo(w.t, 'zoe@pause.example')).map((m) => m.status)).toEqual(['held']);

    // While paused, time passes but no further step is written.
    w.t.clock.advanceMinutes(120);
    await runDue(w.t);
    expect(await messagesTo(w.t, 'zoe@pause.example')).toHaveLength(1);

    const resumed = await w.t.http().post(`/api/v1/sequences/${sequenceId}/resume`).set('authorization', w.marketer.auth).expect(200);
    expect(resumed.body).toMatchObject({ status: 'active' });
    await runDue(w.t);
    await w.t.get(MessageSender).drain();
    expect(w.t.mail.list().filter((m) => m.to[0] === 'zoe@pause.example')).toHaveLength(2);
    const history = await w.t.db.query<{ type: string }[]>(
      `SELECT ev.type FROM message_events ev JOIN messages m ON m.id = ev.message_id WHERE m.email_normalised = 'zoe@pause.example' AND m.step_index = 0 ORDER BY ev.at, ev.id`,
    );
    expect(history.map((h) => h.type)).toEqual(expect.arrayContaining(['queued', 'held', 'released', 'sent']));
  });

  it('keeps running enrolments on their version when a changed sequence is published again', async () => {
    const email = w.templateIds['product-launch']!;
    const sequenceId = await publishedSequence(w.t, w.marketer, {
      kitId: w.kitId,
      steps: [{ type: 'wait', days: 1 }, { type: 'email', templateId: email }],
    });
    const first = await addContact(w.t, w.partnerId, 'early@version.example');
    await enrol(sequenceId, [first]);
    await runDue(w.t);
    const again = await w.t.http().post(`/api/v1/sequences/${sequenceId}/publish`).set('authorization', w.marketer.auth).expect(200);
    expect(again.body).toMatchObject({ version: { version: 1 } });

    await w.t
      .http()
      .patch(`/api/v1/sequences/${sequenceId}`)
      .set('authorization', w.marketer.auth)
      .send({ steps: [{ type: 'wait', days: 3 }, { type: 'email', templateId: email }] })
      .expect(200);
    const republished = await w.t.http().post(`/api/v1/sequences/${sequenceId}/publish`).set('authorization', w.marketer.auth).expect(200);
    expect(republished.body).toMatchObject({ version: { version: 2, steps: [{ type: 'wait', days: 3 }, { type: 'email', templateId: email, templateVersionId: expect.any(String) }] } });
    const late = await addContact(w.t, w.partnerId, 'late@version.example');
    await enrol(sequenceId, [late]);
    await runDue(w.t);

    const rows = await w.t.db.query<{ email: string; version: number; next_step_at: Date }[]>(
      `SELECT c.email, v.version, e.next_step_at FROM enrolments e JOIN contacts c ON c.id = e.contact_id JOIN sequence_versions v ON v.id = e.sequence_version_id
       WHERE e.sequence_id = $1 ORDER BY v.version`,
      [sequenceId],
    );
    const now = w.t.clock.now().getTime();
    expect(rows.map((r) => [r.email, r.version])).toEqual([
      ['early@version.example', 1],
      ['late@version.example', 2],
    ]);
    expect(new Date(rows[1]!.next_step_at).getTime() - now).toBe(3 * 86_400_000);
  });
});
