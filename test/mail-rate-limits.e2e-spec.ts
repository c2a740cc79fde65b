import { MessageSender } from '@app/mailing';
import { emailTemplateVersion, FakeClock, makeMessages, makePartner, startTestApp, TestApp } from '@app/testing';

describe('mail rate limits: per partner and per sender domain, per hour, to the message', () => {
  let t: TestApp;
  let templateVersionId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-11-10T10:20:00Z'), env: { MAIL_RATE_PER_PARTNER_HOUR: '3', MAIL_RATE_PER_DOMAIN_HOUR: '5' } });
    templateVersionId = await emailTemplateVersion(t);
  });
  afterAll(() => t.close());

  const sender = () => t.get(MessageSender);
  const sentTo = (domain: string) => t.mail.list().filter((m) => m.to[0]?.endsWith(`@${domain}`)).length;

  it('sends a partner at most its hourly limit, even with three workers at once, and the rest in the next hour', async () => {
    const partner = await makePartner(t);
    const ids = await makeMessages(t, ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}@limited.example`), { partnerId: partner.id, templateVersionId, dueAt: t.clock.now() });
    await Promise.all([sender().drain(), sender().drain(), sender().drain()]);
    expect(sentTo('limited.example')).toBe(3);
    const deferred = await t.db.query<{ due_at: Date }[]>(`SELECT due_at FROM messages WHERE id = ANY($1) AND status = 'queued'`, [ids]);
    expect(deferred.map((d) => d.due_at.toISOString())).toEqual(['2026-11-10T11:00:00.000Z', '2026-11-10T11:00:00.000Z']);
    const events = await t.db.query<{ detail: { limit: string[] } }[]>(`SELECT detail FROM message_events WHERE message_id = ANY($1) AND type = 'deferred'`, [ids]);
    expect(events).toHaveLength(2);
    expect(events[0]!.detail.limit).toEqual([`partner:${partner.id}`]);

    t.clock.set('2026-11-10T10:59:59Z');
    await sender().drain();
    expect(sentTo('limited.example')).toBe(3);
    t.clock.set('2026-11-10T11:00:00Z');
    await sender().drain();
    expect(sentTo('limited.example')).toBe(5);
  });

  it('holds the vendor sending domain to its limit across partners', async () => {
    t.clock.set('2026-11-10T14:05:00Z');
    const p1 = await makePartner(t);
    const p2 = await makePartner(t);
    await makeMessages(t, ['a', 'b', 'c'].map((x) => `${x}@one.example`), { partnerId: p1.id, templateVersionId, dueAt: t.clock.now() });
    await makeMessages(t, ['a', 'b', 'c'].map((x) => `${x}@two.example`), { partnerId: p2.id, templateVersionId, dueAt: t.clock.now() });
    await sender().drain();
    expect(sentTo('one.example') + sentTo('two.example')).toBe(5);
    const counter = await t.db.query<{ count: number }[]>(`SELECT count FROM send_counters WHERE scope = 'domain:channelkit.local' AND window_start = '2026-11-10T14:00:00Z'`);
    expect(counter).toEqual([{ count: 5 }]);
  });
});
