import { SuppressionService } from '@app/mailing';
import { PartnerEntity } from '@app/partners';
import { emailTemplateVersion, makeMessages, makePartner, startTestApp, TestApp } from '@app/testing';

const SECRET = 'whsec-0123456789abcdef-provider';
const ROUTE = '/api/webhooks/mail-events';

describe('mail: provider events webhook', () => {
  let t: TestApp;
  let partnerA: PartnerEntity;
  let partnerB: PartnerEntity;
  let versionId: string;
  let nextEvent = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: { MAIL_WEBHOOK_SECRET: SECRET } });
    partnerA = await makePartner(t);
    partnerB = await makePartner(t);
    versionId = await emailTemplateVersion(t);
  });
  afterAll(async () => t?.close());

  const post = (body: unknown, auth = `Bearer ${SECRET}`) => t.http().post(ROUTE).set('authorization', auth).send(body as object);
  const eventId = () => `evt-${++nextEvent}`;
  const sent = async (partnerId: string, to: string) => {
    const [id] = await makeMessages(t, [to], { partnerId, templateVersionId: versionId, status: 'sent' });
    const [row] = await t.db.query<{ header: string }[]>(`SELECT message_id_header AS header FROM messages WHERE id = $1`, [id]);
    return { id: id!, header: row!.header };
  };
  const queued = (partnerId: string, to: string[]) => makeMessages(t, to, { partnerId, templateVersionId: versionId });
  const message = async (id: string) =>
    (
      await t.db.query<{ status: string; delivered_at: Date | null; bounced_at: Date | null; complained_at: Date | null; replied_at: Date | null }[]>(
        `SELECT status, delivered_at, bounced_at, complained_at, replied_at FROM messages WHERE id = $1`,
        [id],
      )
    )[0]!;
  const statuses = async (ids: string[]) => {
    const rows = await t.db.query<{ id: string; status: string }[]>(`SELECT id, status FROM messages WHERE id = ANY($1)`, [ids]);
    return ids.map((id) => rows.find((r) => r.id === id)!.status);
  };
  const events = (id: string, type: string) => t.db.query<{ at: Date; detail: unknown }[]>(`SELECT at, detail FROM message_events WHERE message_id = $1 AND type = $2 ORDER BY id`, [id, type]);

  it('is refused without the shared secret or with a wrong one, before the body is looked at', async () => {
    const { id, header } = await sent(partnerA.id, 'auth@example.com');
    const body = { events: [{ id: eventId(), type: 'delivered', messageId: header }] };
    const none = await t.http().post(ROUTE).send(body).expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await post(body, `Bearer ${SECRET}x`).expect(401);
    await post(body, SECRET).expect(401);
    await post({ nonsense: true }, 'Bearer wrong-secret-wrong-secret').expect(401);
    expect((await message(id)).delivered_at).toBeNull();

    await post(body).expect(200, { accepted: 1, duplicates: 0, unknown: 0 });
  });

  it('does not exist while MAIL_WEBHOOK_SECRET is unset', async () => {
    const off = await startTestApp();
    try {
      const res = await off.http().post(ROUTE).set('authorization', `Bearer ${SECRET}`).send({ events: [] }).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    } finally {
      await off.close();
    }
  });

  it('names the bad field of a bad event and applies none of the batch', async () => {
    const { id, header } = await sent(partnerA.id, 'valid@example.com');
    const res = await post({
      events: [
        { id: eventId(), type: 'delivered', messageId: header },
        { id: eventId(), type: 'opened', messageId: header },
        { id: eventId(), type: 'bounce', messageId: header },
        { id: 'x'.repeat(201), type: 'reply', messageId: 'no-at-sign' },
      ],
    }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.details.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['events.1.type', 'events.2.bounce', 'events.3.id', 'events.3.messageId']);
    expect((await message(id)).delivered_at).toBeNull();

    const tooMany = await post({ events: Array.from({ length: 501 }, () => ({ id: eventId(), type: 'delivered', messageId: header })) }).expect(400);
    expect(tooMany.body.details.fields).toEqual([{ field: 'events', problems: [expect.stringMatching(/500/)] }]);
    const unknownKey = await post({ events: [{ id: eventId(), type: 'delivered', messageId: header, extra: 1 }] }).expect(400);
    expect(unknownKey.body.details.fields).toEqual([{ field: 'events.0.extra', problems: [expect.stringMatching(/should not exist/)] }]);
  });

  it('records a delivery once: the same event id again is a duplicate, an unknown Message-ID is counted and ignored', async () => {
    const { id, header } = await sent(partnerA.id, 'delivered@example.com');
    const event = { id: eventId(), type: 'delivered', messageId: header.slice(1, -1), at: '2026-11-02T08:59:30Z' };
    await post({ events: [event] }).expect(200, { accepted: 1, duplicates: 0, unknown: 0 });
    expect((await message(id)).delivered_at).toEqual(new Date('2026-11-02T08:59:30Z'));

    await post({ events: [event, { id: eventId(), type: 'delivered', messageId: `<00000000-0000-4000-8000-000000000000@${t.config.mail.sendingDomain}>` }] }).expect(200, {
      accepted: 0,
      duplicates: 1,
      unknown: 1,
    });
    expect(await events(id, 'delivered')).toEqual([{ at: new Date('2026-11-02T08:59:30Z'), detail: { providerEventId: event.id } }]);
  });

  it('a hard bounce marks the message bounced, suppresses the address for every partner and cancels its pending mail', async () => {
    const { id, header } = await sent(partnerA.id, 'gone@example.com');
    const pending = [...(await queued(partnerA.id, ['gone@example.com', 'stays@example.com'])), ...(await queued(partnerB.id, ['gone@example.com']))];

    await post({ events: [{ id: eventId(), type: 'bounce', messageId: header, bounce: { kind: 'hard', diagnostic: '550 5.1.1 user unknown' } }] }).expect(200, {
      accepted: 1,
      duplicates: 0,
      unknown: 0,
    });
    expect(await message(id)).toMatchObject({ status: 'bounced', bounced_at: t.clock.now() });
    expect(await t.db.query(`SELECT reason FROM global_suppressions WHERE email_normalised = 'gone@example.com'`)).toEqual([{ reason: 'bounced' }]);
    expect(await t.get(SuppressionService).suppressed(partnerB.id, ['gone@example.com'])).toEqual(new Map([['gone@example.com', 'bounced']]));
    expect(await statuses(pending)).toEqual(['cancelled', 'queued', 'cancelled']);
    expect((await events(id, 'bounced')).map((e) => e.detail)).toEqual([expect.objectContaining({ kind: 'hard', diagnostic: '550 5.1.1 user unknown' })]);
  });

  it('a soft bounce is recorded and changes nothing else', async () => {
    const { id, header } = await sent(partnerA.id, 'full@example.com');
    const pending = await queued(partnerA.id, ['full@example.com']);
    await post({ events: [{ id: eventId(), type: 'bounce', messageId: header, bounce: { kind: 'soft' } }] }).expect(200);
    expect(await message(id)).toMatchObject({ status: 'sent', bounced_at: null });
    expect(await t.get(SuppressionService).suppressed(partnerA.id, ['full@example.com'])).toEqual(new Map());
    expect(await statuses(pending)).toEqual(['queued']);
    expect((await events(id, 'bounced')).map((e) => e.detail)).toEqual([expect.objectContaining({ kind: 'soft' })]);
  });

  it('a complaint suppresses the address for the message’s partner only and cancels its pending mail from that partner', async () => {
    const { id, header } = await sent(partnerA.id, 'angry@example.com');
    const pendingA = await queued(partnerA.id, ['angry@example.com']);
    const pendingB = await queued(partnerB.id, ['angry@example.com']);

    await post({ events: [{ id: eventId(), type: 'complaint', messageId: header }] }).expect(200, { accepted: 1, duplicates: 0, unknown: 0 });
    expect((await message(id)).complained_at).toEqual(t.clock.now());
    const suppressions = t.get(SuppressionService);
    expect(await suppressions.suppressed(partnerA.id, ['angry@example.com'])).toEqual(new Map([['angry@example.com', 'complained']]));
    expect(await suppressions.suppressed(partnerB.id, ['angry@example.com'])).toEqual(new Map());
    expect(await statuses([...pendingA, ...pendingB])).toEqual(['cancelled', 'queued']);
    expect(await events(id, 'complained')).toHaveLength(1);
  });

  it('a reply sets replied_at (the exit nurture sequences look for)', async () => {
    const { id, header } = await sent(partnerB.id, 'keen@example.com');
    t.clock.advanceMinutes(30);
    await post({ events: [{ id: eventId(), type: 'reply', messageId: header.toUpperCase() }] }).expect(200, { accepted: 1, duplicates: 0, unknown: 0 });
    expect(await message(id)).toMatchObject({ status: 'sent', replied_at: t.clock.now() });
    expect(await events(id, 'replied')).toHaveLength(1);
  });

  it('documents the body and the answer at /api/docs', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, { post?: { requestBody?: unknown; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
    };
    const route = doc.paths[ROUTE]?.post;
    expect(JSON.stringify(route?.requestBody)).toContain('#/components/schemas/ProviderEventsDto');
    expect(JSON.stringify(route?.responses['200'])).toContain('#/components/schemas/ProviderEventsResultView');
    const event = doc.components.schemas.ProviderEventDto!;
    expect(Object.keys(event.properties).sort()).toEqual(['at', 'bounce', 'id', 'messageId', 'type']);
    expect(event.properties.type).toMatchObject({ enum: ['delivered', 'bounce', 'complaint', 'reply'] });
    expect(event.required?.sort()).toEqual(['id', 'messageId', 'type']);
  });
});
