import { ClickRecorder, CreatedLink, LinkService, OpenTrackingService } from '@app/links';
import { MessageOutbox } from '@app/mailing';
import { PartnerEntity } from '@app/partners';
import { emailTemplateVersion, makeMessages, makePartner, startTestApp, TestApp } from '@app/testing';

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

describe('trackable links: clicks and opens attributed to the email message', () => {
  let t: TestApp;
  let partner: PartnerEntity;
  let link: CreatedLink;
  let messageId: string;

  beforeAll(async () => {
    t = await startTestApp();
    partner = await makePartner(t);
    link = await t.get(LinkService).createLink({
      partnerId: partner.id,
      launchId: null,
      assetKey: 'hero-email',
      medium: 'email',
      destinationUrl: 'https://vendor.example/offer?x=1',
      partnerSlug: partner.slug,
      campaignSlug: 'spring-promo',
      fallbackUrl: null,
    });
    [messageId] = (await makeMessages(t, ['reader@example.com'], { partnerId: partner.id, templateVersionId: await emailTemplateVersion(t), status: 'sent' })) as [string];
  });
  afterAll(async () => t?.close());

  const click = async (query: string) => {
    const res = await t.http().get(`/l/${link.code}${query}`).set('user-agent', BROWSER).expect(302);
    const clickId = /ck_cid=([0-9a-f-]{36})/.exec(String(res.headers['set-cookie']))![1]!;
    await t.get(ClickRecorder).flush();
    const [row] = await t.db.query<{ message_id: string | null }[]>(`SELECT message_id FROM link_clicks WHERE click_id = $1`, [clickId]);
    return { location: res.headers.location as string, messageId: row!.message_id };
  };

  it('records the message a click came from, and the message counts as clicked', async () => {
    expect((await t.get(MessageOutbox).engagement([messageId])).get(messageId)).toMatchObject({ clicked: false });
    const plain = await click('');
    expect(plain.messageId).toBeNull();

    const fromEmail = await click(`?m=${messageId.toUpperCase()}`);
    expect(fromEmail).toEqual({ location: plain.location, messageId });
    expect((await t.get(MessageOutbox).engagement([messageId])).get(messageId)).toMatchObject({ clicked: true });
  });

  it.each([
    ['not a UUID', '?m=not-a-uuid'],
    ['SQL in it', `?m=${encodeURIComponent("x' OR 1=1 --")}`],
    ['repeated', '?m=00000000-0000-4000-8000-000000000001&m=00000000-0000-4000-8000-000000000002'],
    ['empty', '?m='],
  ])('ignores an m that is %s, and the link goes where it always goes', async (_, query) => {
    const plain = await click('');
    expect(await click(query)).toEqual({ location: plain.location, messageId: null });
  });

  it('records an open of the message when its pixel carries the message id', async () => {
    const pixel = t.get(OpenTrackingService).pixelUrl({ launchId: null, partnerId: partner.id, messageRef: messageId });
    await t.http().get(new URL(pixel).pathname).set('user-agent', BROWSER).expect(200);
    await t.get(ClickRecorder).flush();
    expect((await t.get(MessageOutbox).engagement([messageId])).get(messageId)).toMatchObject({ opened: true });
  });
});
