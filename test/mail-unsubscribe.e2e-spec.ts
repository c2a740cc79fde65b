import { MessageOutbox, SuppressionService, UnsubscribeTokens } from '@app/mailing';
import { PartnerEntity } from '@app/partners';
import { emailTemplateVersion, makeMessages, makePartner, startTestApp, TestApp } from '@app/testing';

describe('mail: unsubscribe (the link and RFC 8058 one-click)', () => {
  let t: TestApp;
  let tokens: UnsubscribeTokens;
  let partnerA: PartnerEntity;
  let partnerB: PartnerEntity;
  let versionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    tokens = t.get(UnsubscribeTokens);
    partnerA = await makePartner(t, { name: 'Tom & Jerry <IT>' });
    partnerB = await makePartner(t, { name: 'Contoso Networks' });
    versionId = await emailTemplateVersion(t);
  });
  afterAll(async () => t?.close());

  const sent = async (partnerId: string, to: string) => (await makeMessages(t, [to], { partnerId, templateVersionId: versionId, status: 'sent' }))[0]!;
  const queued = (partnerId: string, to: string[]) => makeMessages(t, to, { partnerId, templateVersionId: versionId });
  const statuses = async (ids: string[]) => {
    const rows = await t.db.query<{ id: string; status: string }[]>(`SELECT id, status FROM messages WHERE id = ANY($1)`, [ids]);
    return ids.map((id) => rows.find((r) => r.id === id)!.status);
  };
  const events = (messageId: string, type: string) => t.db.query<{ detail: unknown }[]>(`SELECT detail FROM message_events WHERE message_id = $1 AND type = $2 ORDER BY id`, [messageId, type]);

  it('shows a confirmation page naming the partner, and a GET changes nothing', async () => {
    const message = await sent(partnerA.id, 'Gina@Example.com');
    const [pending] = await queued(partnerA.id, ['gina@example.com']);

    const res = await t.http().get(`/u/${tokens.token(message)}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('You will no longer receive emails from <strong>Tom &amp; Jerry &lt;IT&gt;</strong>');
    expect(res.text).not.toContain('<IT>');
    expect(res.text).toContain(`<form method="post" action="/u/${tokens.token(message)}">`);
    expect(res.text).toMatch(/<input type="checkbox" name="scope" value="all"[^>]*>Stop all email sent through this platform, from every partner/);

    // A mail scanner following the link twice unsubscribes nobody.
    await t.http().get(`/u/${tokens.token(message)}`).expect(200);
    expect(await t.get(SuppressionService).suppressed(partnerA.id, ['gina@example.com'])).toEqual(new Map());
    expect(await statuses([pending!])).toEqual(['queued']);
    expect(await events(message, 'unsubscribed')).toEqual([]);
  });

  it('answers a forged or mangled token with a 404 page, on GET and POST, and changes nothing', async () => {
    const message = await sent(partnerA.id, 'hal@example.com');
    const genuine = tokens.token(message);
    const forged = `${genuine.split('.')[0]}.${'A'.repeat(22)}`;
    const otherId = tokens.token('00000000-0000-4000-8000-000000000000').split('.')[1];
    for (const token of [forged, `${genuine.split('.')[0]}.${otherId}`, 'not-a-token', `${genuine}x`]) {
      const page = await t.http().get(`/u/${token}`).expect(404);
      expect(page.text).toContain('This unsubscribe link is not valid');
      await t.http().post(`/u/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(404);
    }
    // A genuine token for a message that does not exist.
    await t.http().get(`/u/${tokens.token('00000000-0000-4000-8000-000000000000')}`).expect(404);
    expect(await t.get(SuppressionService).suppressed(partnerA.id, ['hal@example.com'])).toEqual(new Map());
  });

  it('one-click POST suppresses the address for that partner and cancels its pending mail from that partner only', async () => {
    const message = await sent(partnerA.id, 'alice@example.com');
    const pendingA = await queued(partnerA.id, ['ALICE@example.com ', 'bob@example.com']);
    const pendingB = await queued(partnerB.id, ['alice@example.com']);

    // As a mail client sends it: form-encoded, no cookie, no credentials.
    const res = await t.http().post(`/u/${tokens.token(message)}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.text).toContain('You are unsubscribed');
    expect(res.text).toContain('You will no longer receive emails from <strong>Tom &amp; Jerry &lt;IT&gt;</strong>');

    const suppressions = t.get(SuppressionService);
    expect(await suppressions.suppressed(partnerA.id, ['alice@example.com'])).toEqual(new Map([['alice@example.com', 'unsubscribed']]));
    expect(await suppressions.suppressed(partnerB.id, ['alice@example.com'])).toEqual(new Map());
    expect(await t.db.query(`SELECT 1 FROM global_suppressions WHERE email_normalised = 'alice@example.com'`)).toEqual([]);

    // Alice's pending mail from A is cancelled; Bob's, and Alice's from B, are not.
    expect(await statuses([...pendingA, ...pendingB])).toEqual(['cancelled', 'queued', 'queued']);
    expect(await t.get(MessageOutbox).history(pendingA[0]!)).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'cancelled', detail: { reason: 'unsubscribed' } })]),
    );

    const [row] = await t.db.query<{ unsubscribed_at: Date | null; status: string }[]>(`SELECT unsubscribed_at, status FROM messages WHERE id = $1`, [message]);
    expect(row).toEqual({ unsubscribed_at: t.clock.now(), status: 'sent' });
    expect(await events(message, 'unsubscribed')).toEqual([{ detail: { scope: 'partner', cancelled: 1 } }]);
    const audit = await t.db.query(`SELECT actor_user_id, action, after FROM audit_events WHERE entity_type = 'message' AND entity_id = $1`, [message]);
    expect(audit).toEqual([{ actor_user_id: null, action: 'message.unsubscribed', after: { scope: 'partner', partnerId: partnerA.id, cancelled: 1 } }]);

    // A second request (the person clicks too) is answered the same and records nothing more.
    await t.http().post(`/u/${tokens.token(message)}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(await events(message, 'unsubscribed')).toHaveLength(1);

    // The page now says so, and still offers the global option.
    const page = await t.http().get(`/u/${tokens.token(message)}`).expect(200);
    expect(page.text).toContain('already unsubscribed');
  });

  it('the page option "all email" suppresses the address for every partner and cancels all its pending mail', async () => {
    const message = await sent(partnerB.id, 'carol@example.com');
    const other = await makePartner(t);
    const pending = [...(await queued(partnerA.id, ['carol@example.com'])), ...(await queued(partnerB.id, ['carol@example.com', 'dave@example.com'])), ...(await queued(other.id, ['carol@example.com']))];

    const res = await t.http().post(`/u/${tokens.token(message)}`).type('form').send({ scope: 'all' }).expect(200);
    expect(res.text).toContain('You will no longer receive any email sent through this platform, from any partner.');

    expect(await t.db.query(`SELECT reason FROM global_suppressions WHERE email_normalised = 'carol@example.com'`)).toEqual([{ reason: 'unsubscribed' }]);
    for (const partnerId of [partnerA.id, partnerB.id, other.id]) {
      expect(await t.get(SuppressionService).suppressed(partnerId, ['carol@example.com'])).toEqual(new Map([['carol@example.com', 'unsubscribed']]));
    }
    expect(await statuses(pending)).toEqual(['cancelled', 'cancelled', 'queued', 'cancelled']);
    expect(await events(message, 'unsubscribed')).toEqual([{ detail: { scope: 'all', cancelled: 3 } }]);
  });

  it('widens an earlier unsubscribe from one partner to every partner', async () => {
    const message = await sent(partnerA.id, 'erin@example.com');
    await t.http().post(`/u/${tokens.token(message)}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const [fromB] = await queued(partnerB.id, ['erin@example.com']);
    expect(await statuses([fromB!])).toEqual(['queued']);

    await t.http().post(`/u/${tokens.token(message)}`).type('form').send('scope=all').expect(200);
    expect(await statuses([fromB!])).toEqual(['cancelled']);
    expect((await events(message, 'unsubscribed')).map((e) => e.detail)).toEqual([
      { scope: 'partner', cancelled: 0 },
      { scope: 'all', cancelled: 1 },
    ]);
  });

  it('accepts the one-click request multipart-encoded too, as RFC 8058 allows', async () => {
    const message = await sent(partnerB.id, 'frank@example.com');
    await t.http().post(`/u/${tokens.token(message)}`).field('List-Unsubscribe', 'One-Click').expect(200);
    expect(await t.get(SuppressionService).suppressed(partnerB.id, ['frank@example.com'])).toEqual(new Map([['frank@example.com', 'unsubscribed']]));
  });
});
