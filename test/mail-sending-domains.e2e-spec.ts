import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { SenderIdentityService } from '@app/mailing';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

const pem = (type: 'rsa' | 'ed25519', modulusLength = 2048): string =>
  (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength }) : generateKeyPairSync('ed25519')).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('mail: partner sending domains', () => {
  let t: TestApp;
  let partnerA: PartnerEntity;
  let partnerB: PartnerEntity;
  let adminA: TestUser;
  let adminB: TestUser;
  let vendorAdmin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    partnerA = await makePartner(t);
    partnerB = await makePartner(t);
    adminA = await makeUser(t, 'partner_admin', { partnerId: partnerA.id });
    adminB = await makeUser(t, 'partner_admin', { partnerId: partnerB.id });
    vendorAdmin = await makeUser(t, 'vendor_admin');
  });
  afterAll(async () => t?.close());

  const base = (partnerId: string) => `/api/v1/partners/${partnerId}/sending-domains`;
  const domainName = () => `mail.${randomBytes(4).toString('hex')}.invalid`;
  const create = (user: TestUser, partnerId: string, body: Record<string, unknown>) => t.http().post(base(partnerId)).set('authorization', user.auth).send(body);

  it('a partner admin adds a domain (lower-cased) and is shown the TXT record to create', async () => {
    const domain = domainName();
    const res = await create(adminA, partnerA.id, { domain: ` ${domain.toUpperCase()}. `, fromLocalPart: 'News' }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      partnerId: partnerA.id,
      domain,
      fromLocalPart: 'news',
      fromAddress: `news@${domain}`,
      verified: false,
      verifiedAt: null,
      verificationRecord: { type: 'TXT', name: `_channelkit.${domain}`, value: expect.stringMatching(/^channelkit-verification=[0-9a-f]{32}$/) },
      dkimConfigured: false,
      dkimSelector: null,
      dkimRecord: null,
      createdAt: expect.any(String),
    });
    const list = await t.http().get(base(partnerA.id)).set('authorization', adminA.auth).expect(200);
    expect(list.body).toEqual([res.body]);
    expect(await t.db.query(`SELECT actor_user_id, action FROM audit_events WHERE entity_type = 'sending_domain' AND entity_id = $1`, [res.body.id])).toEqual([
      { actor_user_id: adminA.user.id, action: 'sending_domain.created' },
    ]);
  });

  it("answers 404 for another partner's domains, 403 to roles that may not manage them; vendor admins manage any partner's", async () => {
    const mine = (await create(adminB, partnerB.id, { domain: domainName() }).expect(201)).body as { id: string };
    const asA = adminA.auth;
    await t.http().get(base(partnerB.id)).set('authorization', asA).expect(404);
    await create(adminA, partnerB.id, { domain: domainName() }).expect(404);
    await t.http().post(`${base(partnerB.id)}/${mine.id}/verify`).set('authorization', asA).expect(404);
    await t.http().put(`${base(partnerB.id)}/${mine.id}/dkim`).set('authorization', asA).send({ selector: 'ck', privateKey: pem('rsa') }).expect(404);
    await t.http().delete(`${base(partnerB.id)}/${mine.id}`).set('authorization', asA).expect(404);
    // Its own partner in the path, another partner's domain id: still 404.
    await t.http().delete(`${base(partnerA.id)}/${mine.id}`).set('authorization', asA).expect(404);
    expect(await t.db.query(`SELECT 1 FROM sending_domains WHERE id = $1`, [mine.id])).toHaveLength(1);

    for (const role of ['partner_user', 'vendor_marketer', 'channel_manager', 'finance'] as const) {
      const user = await makeUser(t, role, role === 'partner_user' ? { partnerId: partnerB.id } : {});
      const res = await t.http().get(base(partnerB.id)).set('authorization', user.auth).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await t.http().get(base(partnerB.id)).expect(401);

    const byVendor = await create(vendorAdmin, partnerB.id, { domain: domainName() }).expect(201);
    expect(byVendor.body.partnerId).toBe(partnerB.id);
    const list = await t.http().get(base(partnerB.id)).set('authorization', vendorAdmin.auth).expect(200);
    expect((list.body as { id: string }[]).map((d) => d.id)).toEqual(expect.arrayContaining([mine.id, byVendor.body.id]));
    await t.http().get(base('00000000-0000-4000-8000-000000000000')).set('authorization', vendorAdmin.auth).expect(404);
  });

  it('lets a domain be claimed until one partner verifies it, then refuses it to others with 409; a malformed one gets 400', async () => {
    const domain = domainName();
    const claimA = (await create(adminA, partnerA.id, { domain }).expect(201)).body as { id: string };
    await create(adminA, partnerA.id, { domain }).expect(409);
    // An unverified claim does not block the real owner.
    const claimB = (await create(adminB, partnerB.id, { domain: domain.toUpperCase() }).expect(201)).body as { id: string };
    // B proves ownership (the DNS check is stood in for by the row it writes); A can no longer take it.
    await t.db.query(`UPDATE sending_domains SET verified_at = now() WHERE id = $1`, [claimB.id]);
    await t.db.query(`DELETE FROM sending_domains WHERE id = $1`, [claimA.id]);
    const refused = await create(adminA, partnerA.id, { domain }).expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'SENDING_DOMAIN_TAKEN' });

    for (const bad of ['localhost', 'a..example', '-bad.example', 'exa mple.com', '192.168.0.1', 'https://x.example', `${'a'.repeat(64)}.example`]) {
      const res = await create(adminA, partnerA.id, { domain: bad }).expect(400);
      expect((res.body.details.fields as { field: string }[]).map((f) => f.field)).toEqual(['domain']);
    }
    const local = await create(adminA, partnerA.id, { domain: domainName(), fromLocalPart: 'no spaces' }).expect(400);
    expect((local.body.details.fields as { field: string }[]).map((f) => f.field)).toEqual(['fromLocalPart']);
  });

  it('verification of a domain without the TXT record fails with 422 and the record to create', async () => {
    const created = (await create(adminA, partnerA.id, { domain: domainName() }).expect(201)).body as { id: string; verificationRecord: unknown };
    const res = await t.http().post(`${base(partnerA.id)}/${created.id}/verify`).set('authorization', adminA.auth).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'DOMAIN_NOT_VERIFIED', details: { record: created.verificationRecord, found: [] } });
    const [row] = await t.db.query<{ verified_at: Date | null }[]>(`SELECT verified_at FROM sending_domains WHERE id = $1`, [created.id]);
    expect(row!.verified_at).toBeNull();
  });

  it('takes a DKIM key (RSA PEM), never shows it again, and gives the public key record to publish', async () => {
    const created = (await create(adminA, partnerA.id, { domain: domainName() }).expect(201)).body as { id: string; domain: string };
    const dkim = `${base(partnerA.id)}/${created.id}/dkim`;
    const refused = async (privateKey: string) => {
      const res = await t.http().put(dkim).set('authorization', adminA.auth).send({ selector: 'ck2026', privateKey }).expect(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect((res.body.details.fields as { field: string }[]).map((f) => f.field)).toEqual(['privateKey']);
    };
    await refused('not a key');
    await refused(pem('rsa').replace(/[A-Za-z]{10}\n/, 'AAAAAAAAAA\n').slice(0, 200));
    await refused(pem('ed25519'));
    await refused(pem('rsa', 512));
    const badSelector = await t.http().put(dkim).set('authorization', adminA.auth).send({ selector: 'no_underscores', privateKey: pem('rsa') }).expect(400);
    expect((badSelector.body.details.fields as { field: string }[]).map((f) => f.field)).toEqual(['selector']);

    const key = pem('rsa');
    const res = await t.http().put(dkim).set('authorization', adminA.auth).send({ selector: 'CK2026', privateKey: key }).expect(200);
    expect(res.body).toMatchObject({ dkimConfigured: true, dkimSelector: 'ck2026' });
    const publicDer = createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
    expect(res.body.dkimRecord).toEqual({ type: 'TXT', name: `ck2026._domainkey.${created.domain}`, value: `v=DKIM1; k=rsa; p=${publicDer}` });
    const listed = await t.http().get(base(partnerA.id)).set('authorization', adminA.auth).expect(200);
    for (const body of [res.text, listed.text]) {
      expect(body).not.toContain('PRIVATE KEY');
      expect(body).not.toContain('privateKey');
    }

    // Once the domain is verified, the partner's mail is sent from it and signed with that key.
    await t.db.query(`UPDATE sending_domains SET verified_at = now() WHERE partner_id = $1`, [partnerA.id]);
    await t.db.query(`UPDATE sending_domains SET verified_at = NULL WHERE partner_id = $1 AND id <> $2`, [partnerA.id, created.id]);
    const identity = await t.get(SenderIdentityService).partner(partnerA.id, null);
    expect(identity).toMatchObject({ domain: created.domain, dkim: { domainName: created.domain, keySelector: 'ck2026', privateKey: expect.stringContaining('BEGIN PRIVATE KEY') } });
  });

  it('deletes a domain, which frees it for another partner', async () => {
    const domain = domainName();
    const created = (await create(adminA, partnerA.id, { domain }).expect(201)).body as { id: string };
    await t.http().delete(`${base(partnerA.id)}/${created.id}`).set('authorization', adminA.auth).expect(204);
    await t.http().delete(`${base(partnerA.id)}/${created.id}`).set('authorization', adminA.auth).expect(404);
    const listed = await t.http().get(base(partnerA.id)).set('authorization', adminA.auth).expect(200);
    expect((listed.body as { id: string }[]).map((d) => d.id)).not.toContain(created.id);
    await create(adminB, partnerB.id, { domain }).expect(201);
  });
});
