import { randomBytes } from 'node:crypto';
import { AssetUsageService } from '@app/assets';
import { PartnerEntity, TierEntity } from '@app/partners';
import { libraryAsset, loadBrandAndTemplates, makePartner, makeTier, makeUser, solidPng, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * Vendors change what an asset says about itself (title, description, tags, language, owner) and
 * who finds it in the library. Narrowing who finds it takes effect at once for the partners left
 * out; their live launches keep what they use, and the vendor can see beforehand which those are.
 */

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

interface ErrorBody {
  code: string;
  details?: { fields?: { field: string; problems: string[] }[] };
}

interface AssetBody {
  id: string;
  title: string;
  description: string;
  tags: string[];
  locale: string;
  ownerUserId: string;
  eligibility: { tierIds?: string[]; regions?: string[]; partnerIds?: string[] };
  updatedAt: string;
}

const fieldsOf = (body: unknown) => ((body as ErrorBody).details?.fields ?? []).map((f) => f.field);

describe('asset editing: details, owner and who may find it', () => {
  let t: TestApp;
  let marketer: TestUser;
  let colleague: TestUser;
  let gold: TierEntity;
  let goldPartner: PartnerEntity;
  let silverPartner: PartnerEntity;
  let goldUser: TestUser;
  let silverUser: TestUser;
  let templateIds: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ env: { SESSION_TTL_MINUTES: '1440' } });
    marketer = await makeUser(t, 'vendor_marketer');
    colleague = await makeUser(t, 'channel_manager');
    gold = await makeTier(t, { name: 'Gold' });
    goldPartner = await makePartner(t, { tierId: gold.id, region: 'EMEA' });
    silverPartner = await makePartner(t, { region: 'EMEA' });
    goldUser = await makeUser(t, 'partner_user', { partnerId: goldPartner.id });
    silverUser = await makeUser(t, 'partner_admin', { partnerId: silverPartner.id });
    templateIds = await loadBrandAndTemplates(t, marketer);
  });
  afterAll(() => t.close());

  const patch = (id: string, body: Record<string, unknown>, as: TestUser = marketer) => t.http().patch(`/api/v1/assets/${id}`).set('authorization', as.auth).send(body);
  const detail = async (id: string): Promise<AssetBody> => (await t.http().get(`/api/v1/assets/${id}`).set('authorization', marketer.auth).expect(200)).body as AssetBody;
  const libraryIds = async (user: TestUser, query = ''): Promise<string[]> => {
    const res = await t.http().get(`/api/v1/library${query}`).set('authorization', user.auth).expect(200);
    return (res.body as { items: { id: string }[] }).items.map((i) => i.id);
  };
  const download = (id: string, user: TestUser) => t.http().post(`/api/v1/library/${id}/download`).set('authorization', user.auth);
  const impact = (id: string, body: unknown, as: TestUser = marketer) => t.http().post(`/api/v1/assets/${id}/eligibility-impact`).set('authorization', as.auth).send(body as object);

  it('changes title, description, tags, language and owner, and partners find it by its new words', async () => {
    const asset = await libraryAsset(t, marketer, { title: 'Backup 4 datasheet', type: 'datasheet', tags: ['backup'] });
    const res = await patch(asset.id, {
      title: '  Backup 5 datasheet ',
      description: 'Specifications of Backup 5, in German',
      tags: [' Backup ', 'Datenblatt', 'backup'],
      locale: 'de-DE',
      ownerUserId: colleague.user.id.toUpperCase(),
    }).expect(200);
    expect(res.body).toMatchObject({ title: 'Backup 5 datasheet', description: 'Specifications of Backup 5, in German', tags: ['Backup', 'Datenblatt'], locale: 'de-DE', ownerUserId: colleague.user.id });

    expect(await libraryIds(goldUser, '?q=datenblatt')).toEqual([asset.id]);
    expect(await libraryIds(goldUser, '?q=Backup%205&locale=de-DE')).toEqual([asset.id]);
    const item = await t.http().get(`/api/v1/library/${asset.id}`).set('authorization', silverUser.auth).expect(200);
    expect(item.body).toMatchObject({ title: 'Backup 5 datasheet', tags: ['Backup', 'Datenblatt'], locale: 'de-DE' });

    // Who can own it: the active vendor users, never a partner user.
    const owners = await t.http().get('/api/v1/assets/owners').set('authorization', marketer.auth).expect(200);
    const ownerIds = (owners.body as { id: string; name: string; email: string }[]).map((o) => o.id);
    expect(ownerIds).toEqual(expect.arrayContaining([marketer.user.id, colleague.user.id]));
    expect(ownerIds).not.toContain(goldUser.user.id);
    await t.http().get('/api/v1/assets/owners').set('authorization', goldUser.auth).expect(403);

    const audit = await t.db.query<{ after: { title: string; owner_user_id: string } }[]>(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'asset.updated'`, [asset.id]);
    expect(audit).toEqual([{ after: expect.objectContaining({ title: 'Backup 5 datasheet', owner_user_id: colleague.user.id }) }]);
  });

  it('refuses bad details naming each field, and changes nothing', async () => {
    const asset = await libraryAsset(t, marketer, { title: 'Untouched deck', type: 'deck', tags: ['deck'] });
    const before = await detail(asset.id);

    const malformed = await patch(asset.id, { title: null, tags: 'backup', locale: 'English!', description: 7, eligibility: null, ownerUserId: 'me' }).expect(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(fieldsOf(malformed.body).sort()).toEqual(['description', 'eligibility', 'locale', 'ownerUserId', 'tags', 'title']);
    const tooMany = await patch(asset.id, { title: 'x', tags: Array.from({ length: 21 }, (_, i) => `tag${i}`), eligibility: { regions: ['MARS'], tierIds: ['nope'] } }).expect(400);
    expect(fieldsOf(tooMany.body).sort()).toEqual(['eligibility.regions', 'eligibility.tierIds', 'tags', 'title']);

    // Well-formed, but naming what is not there (or a partner user as owner).
    const unknown = await patch(asset.id, { ownerUserId: goldUser.user.id, eligibility: { tierIds: ['00000000-0000-4000-8000-000000000009'], partnerIds: ['00000000-0000-4000-8000-000000000008'] } }).expect(422);
    expect(fieldsOf(unknown.body).sort()).toEqual(['eligibility.partnerIds', 'eligibility.tierIds', 'ownerUserId']);

    expect(await detail(asset.id)).toEqual(before);
    // Creating one without a title is refused the same way.
    const untitled = await t.http().post('/api/v1/assets').set('authorization', marketer.auth).send({ type: 'deck' }).expect(400);
    expect(fieldsOf(untitled.body)).toEqual(['title']);
  });

  it('takes an asset out of the library of a partner left out at once: not listed, 404 on detail, preview and download', async () => {
    const title = `Partner pricing ${randomBytes(3).toString('hex')}`;
    const asset = await libraryAsset(t, marketer, { title, file: await solidPng('#123456', 300, 200) });
    // Both look first, so anything a process keeps from the first answer is in play.
    expect(await libraryIds(silverUser, `?q=${encodeURIComponent(title)}`)).toEqual([asset.id]);
    expect(await libraryIds(goldUser, `?q=${encodeURIComponent(title)}`)).toEqual([asset.id]);
    await download(asset.id, silverUser).expect(200);

    await patch(asset.id, { eligibility: { tierIds: [gold.id] } }).expect(200);
    expect(await libraryIds(silverUser, `?q=${encodeURIComponent(title)}`)).toEqual([]);
    expect(await libraryIds(silverUser, '?usedByMyLaunches=false')).not.toContain(asset.id);
    for (const res of [
      await download(asset.id, silverUser),
      await t.http().get(`/api/v1/library/${asset.id}`).set('authorization', silverUser.auth),
      await t.http().get(`/api/v1/library/${asset.id}/preview`).set('authorization', silverUser.auth),
    ]) {
      expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    }
    // The partner still in it sees no change.
    expect(await libraryIds(goldUser, `?q=${encodeURIComponent(title)}`)).toEqual([asset.id]);
    await download(asset.id, goldUser).expect(200);

    // Named again, the partner finds it again, as quickly.
    await patch(asset.id, { eligibility: { tierIds: [gold.id], partnerIds: [silverPartner.id] } }).expect(200);
    expect(await libraryIds(silverUser, `?q=${encodeURIComponent(title)}`)).toEqual([asset.id]);
    await download(asset.id, silverUser).expect(200);
  });

  it('tells beforehand whose live launches use an asset that would leave their library, and those launches keep working', async () => {
    const file = Buffer.from('%PDF-1.4\n% Backup 5 reseller datasheet\n');
    const datasheet = await libraryAsset(t, marketer, { type: 'datasheet', title: 'Reseller datasheet', file, fileName: 'reseller.pdf' });
    // The kit goes to every partner; the datasheet is one of its destinations.
    const created = await t
      .http()
      .post('/api/v1/kits')
      .set('authorization', marketer.auth)
      .send({
        slug: 'reseller-kit',
        category: 'assets',
        name: 'Reseller kit',
        templateIds: [templateIds['product-launch']],
        destinations: [
          { key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' },
          { key: 'datasheet', assetId: datasheet.id, label: 'Datasheet' },
        ],
      })
      .expect(201);
    const kitId = (created.body as { id: string }).id;
    await t.http().post(`/api/v1/kits/${kitId}/publish`).set('authorization', marketer.auth).expect(200);
    const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', silverUser.auth).send({}).expect(201);
    const launchId = (launched.body as { id: string }).id;
    const launch = await t.http().get(`/api/v1/launches/${launchId}`).set('authorization', silverUser.auth).expect(200);
    const link = (launch.body as { links: { assetKey: string; url: string }[] }).links.find((l) => l.assetKey === 'product-launch.datasheet')!;
    const code = new URL(link.url).pathname.split('/').pop()!;

    // Gold only: every partner outside Gold loses it; the silver partner's launch uses it.
    const [{ outside }] = await t.db.query<[{ outside: number }]>(`SELECT count(*)::int AS outside FROM partners WHERE tier_id <> $1`, [gold.id]);
    const goldOnly = await impact(datasheet.id, { eligibility: { tierIds: [gold.id] } }).expect(200);
    expect(goldOnly.body).toEqual({ partnersLosingAccess: outside, liveLaunches: 1, partners: [{ id: silverPartner.id, name: silverPartner.name, liveLaunches: 1 }] });
    // Keeping the silver partner by name: nobody with a launch loses it.
    const named = await impact(datasheet.id, { eligibility: { tierIds: [gold.id], partnerIds: [silverPartner.id] } }).expect(200);
    expect(named.body).toEqual({ partnersLosingAccess: outside - 1, liveLaunches: 0, partners: [] });
    // Asking changes nothing.
    expect((await detail(datasheet.id)).eligibility).toEqual({});
    await download(datasheet.id, silverUser).expect(200);

    await patch(datasheet.id, { eligibility: { tierIds: [gold.id] } }).expect(200);
    await download(datasheet.id, silverUser).expect(404);
    // The launch keeps it: its link still hands out the file, and the usage graph still counts it.
    const redirect = await t.http().get(`/l/${code}`).set('user-agent', BROWSER).expect(302);
    const res = await fetch(redirect.headers.location as string);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(file);
    expect((await t.get(AssetUsageService).whoUses(datasheet.id)).partners).toEqual([{ id: silverPartner.id, name: silverPartner.name, liveLaunches: 1 }]);
    await t.http().get(`/api/v1/launches/${launchId}`).set('authorization', silverUser.auth).expect(200);
    // Once narrowed, nobody else would lose it.
    const again = await impact(datasheet.id, { eligibility: { tierIds: [gold.id] } }).expect(200);
    expect(again.body).toEqual({ partnersLosingAccess: 0, liveLaunches: 0, partners: [] });
  });

  it('refuses an impact question without an eligibility, for an unknown asset, or from outside the editors', async () => {
    const asset = await libraryAsset(t, marketer, {});
    const missing = await impact(asset.id, {}).expect(400);
    expect(fieldsOf(missing.body)).toEqual(['eligibility']);
    const bad = await impact(asset.id, { eligibility: { regions: ['MARS'] } }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['eligibility.regions']);
    await impact('00000000-0000-4000-8000-000000000007', { eligibility: {} }).expect(404);
    await impact(asset.id, { eligibility: {} }, silverUser).expect(403);
    await impact(asset.id, { eligibility: {} }, await makeUser(t, 'finance')).expect(403);
  });
});
