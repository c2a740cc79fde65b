import { FakeClock, makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

/** A vendor (channel manager, admin, finance) and two partners with an admin and a user each. */
export interface DealWorld {
  t: TestApp;
  manager: TestUser;
  vendorAdmin: TestUser;
  finance: TestUser;
  partnerA: { id: string; name: string; slug: string; admin: TestUser; user: TestUser };
  partnerB: { id: string; name: string; slug: string; admin: TestUser; user: TestUser };
}

export async function dealWorld(start = '2026-11-02T09:00:00Z'): Promise<DealWorld> {
  const t = await startTestApp({ clock: new FakeClock(start), env: { SESSION_TTL_MINUTES: '1440' } });
  const partner = async (name: string) => {
    const p = await makePartner(t, { name });
    return { id: p.id, name: p.name, slug: p.slug, admin: await makeUser(t, 'partner_admin', { partnerId: p.id }), user: await makeUser(t, 'partner_user', { partnerId: p.id }) };
  };
  return {
    t,
    manager: await makeUser(t, 'channel_manager'),
    vendorAdmin: await makeUser(t, 'vendor_admin'),
    finance: await makeUser(t, 'finance'),
    partnerA: await partner('Northwind Systems'),
    partnerB: await partner('Contoso Partners'),
  };
}

export function dealBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { customerCompany: 'Globex Corporation', customerDomain: 'https://www.Globex.example/contact', amountCents: 2_500_000, currency: 'EUR', ...overrides };
}

/** A deal as the API answers it (the fields the suites read by name). */
export interface DealJson {
  id: string;
  partnerId: string;
  conflictFlagged: boolean;
  [field: string]: unknown;
}

/** Registers as `user`; returns the created deal body. */
export async function register(t: TestApp, user: TestUser, overrides: Record<string, unknown> = {}): Promise<DealJson> {
  const res = await t.http().post('/api/v1/deals').set('authorization', user.auth).send(dealBody(overrides));
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: 201 });
  return res.body as DealJson;
}

export async function auditOf(t: TestApp, dealId: string): Promise<{ action: string; actor_user_id: string | null; on_behalf_of_partner_id: string | null; after: Record<string, unknown> | null }[]> {
  return t.db.query(`SELECT action, actor_user_id, on_behalf_of_partner_id, after FROM audit_events WHERE entity_type = 'deal' AND entity_id = $1 ORDER BY id`, [dealId]);
}

export { signInAgain } from './nurture-world';
