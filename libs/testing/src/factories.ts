import { randomBytes } from 'node:crypto';
import { AuthService, hashPassword, Role, UserEntity } from '@app/core';
import { PartnerEntity, TierEntity } from '@app/partners';
import { TestApp } from './test-app';

const unique = () => randomBytes(3).toString('hex');
// Tier ranks are unique: hand them out in sequence from a per-process random base.
let nextRank = 1_000 + Math.floor(Math.random() * 1_000_000);

export async function makeTier(t: TestApp, overrides: Partial<TierEntity> = {}): Promise<TierEntity> {
  const repo = t.db.getRepository(TierEntity);
  const rank = overrides.rank ?? nextRank++;
  return repo.save(repo.create({ name: `Tier ${unique()}`, rank, defaultMdfReimbursementPct: 50, attributes: {}, ...overrides }));
}

export async function makePartner(t: TestApp, overrides: Partial<PartnerEntity> = {}): Promise<PartnerEntity> {
  const tierId = overrides.tierId ?? (await makeTier(t)).id;
  const suffix = unique();
  const repo = t.db.getRepository(PartnerEntity);
  return repo.save(
    repo.create({
      name: `Partner ${suffix}`,
      slug: `partner-${suffix}`,
      tierId,
      region: 'NA',
      timeZone: 'America/New_York',
      status: 'active',
      profileVersion: 1,
      ...overrides,
    }),
  );
}

export interface TestUser {
  user: UserEntity;
  token: string;
  password: string;
  /** Authorization header value. */
  auth: string;
}

/** An active user with a live session. Partner roles need `partnerId`. */
export async function makeUser(t: TestApp, role: Role, options: { partnerId?: string; email?: string; password?: string } = {}): Promise<TestUser> {
  const password = options.password ?? `pw-${unique()}-${unique()}`;
  const repo = t.db.getRepository(UserEntity);
  const user = await repo.save(
    repo.create({
      email: options.email ?? `${role}-${unique()}@example.test`,
      name: `${role} ${unique()}`,
      role,
      partnerId: options.partnerId ?? null,
      passwordHash: await hashPassword(password),
      status: 'active',
    }),
  );
  const session = await t.get(AuthService).issueSession(user.id);
  return { user, token: session.token, password, auth: `Bearer ${session.token}` };
}
