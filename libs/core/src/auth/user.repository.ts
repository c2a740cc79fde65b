import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthTokenEntity, TokenKind } from './auth-token.entity';
import type { Role } from './roles';
import { UserInviteEntity } from './user-invite.entity';
import { UserEntity, type UserStatus } from './user.entity';

export interface TokenWithUser {
  token: AuthTokenEntity;
  user: UserEntity;
}

/** Users, their tokens and invites: one aggregate, one place for its queries. */
@Injectable()
export class UserRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AuthTokenEntity) private readonly tokens: Repository<AuthTokenEntity>,
  ) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** With the password hash, for login only. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  emailTaken(email: string, manager: EntityManager = this.users.manager): Promise<boolean> {
    return manager
      .createQueryBuilder(UserEntity, 'u')
      .where('lower(u.email) = lower(:email)', { email })
      .getExists();
  }

  /** Users of one partner, or vendor users when partnerId is null; keyset-paginated by (created_at, id). */
  listMembers(partnerId: string | null, page: { limit: number; after?: { createdAt: Date; id: string } }): Promise<UserEntity[]> {
    const query = this.users.createQueryBuilder('u');
    if (partnerId === null) query.where('u.partnerId IS NULL');
    else query.where('u.partnerId = :partnerId', { partnerId });
    // The cursor's createdAt is a JS Date (milliseconds) while PostgreSQL keeps microseconds: order
    // and compare on the millisecond value, or the row a cursor was made from comes back on the next page.
    const createdAt = "date_trunc('milliseconds', u.created_at)";
    if (page.after) query.andWhere(`(${createdAt}, u.id) > (:createdAt, :id)`, page.after);
    return query.orderBy(createdAt, 'ASC').addOrderBy('u.id', 'ASC').limit(page.limit).getMany();
  }

  async createInvited(
    manager: EntityManager,
    user: { email: string; name: string; role: Role; partnerId: string | null },
  ): Promise<UserEntity> {
    return manager.save(manager.create(UserEntity, { ...user, status: 'invited', passwordHash: null }));
  }

  async insertToken(
    token: { userId: string; kind: TokenKind; name: string | null; tokenHash: string; tokenPrefix: string; createdAt: Date; expiresAt: Date | null },
  ): Promise<AuthTokenEntity> {
    return this.tokens.save(this.tokens.create({ ...token, lastUsedAt: null, revokedAt: null }));
  }

  /** A live token (not revoked, not expired at `now`) with its active user, in one query: every request pays it. */
  async findLiveToken(tokenHash: string, now: Date): Promise<TokenWithUser | null> {
    const rows = await this.tokens.query<Record<string, unknown>[]>(
      `SELECT t.id, t.kind, t.last_used_at, u.id AS user_id, u.email, u.name, u.role, u.partner_id
         FROM auth_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.status = 'active'`,
      [tokenHash, now],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      token: this.tokens.create({ id: row.id as string, kind: row.kind as TokenKind, lastUsedAt: row.last_used_at as Date | null, userId: row.user_id as string }),
      user: this.users.create({
        id: row.user_id as string,
        email: row.email as string,
        name: row.name as string,
        role: row.role as Role,
        partnerId: row.partner_id as string | null,
        status: 'active',
      }),
    };
  }

  async touchToken(id: string, now: Date): Promise<void> {
    await this.tokens.update({ id }, { lastUsedAt: now });
  }

  listApiTokens(userId: string): Promise<AuthTokenEntity[]> {
    return this.tokens.find({ where: { userId, kind: 'api' }, order: { createdAt: 'DESC' }, take: 100 });
  }

  /** Revokes one of the user's tokens of this kind; false when there is no such live token. */
  async revokeToken(userId: string, tokenId: string, kind: TokenKind, now: Date): Promise<boolean> {
    const result = await this.tokens
      .createQueryBuilder()
      .update(AuthTokenEntity)
      .set({ revokedAt: now })
      .where('id = :tokenId AND user_id = :userId AND kind = :kind AND revoked_at IS NULL', { tokenId, userId, kind })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async recordLogin(userId: string, now: Date): Promise<void> {
    await this.users.update({ id: userId }, { lastLoginAt: now });
  }

  async recordAttempt(email: string, ip: string, succeeded: boolean, now: Date): Promise<void> {
    await this.users.query('INSERT INTO login_attempts (email, ip, succeeded, attempted_at) VALUES ($1, $2, $3, $4)', [email, ip, succeeded, now]);
  }

  /** Failed attempts since `since` for this email and for this IP, each with its oldest one's time. */
  async recentFailures(
    email: string,
    ip: string,
    since: Date,
  ): Promise<{ byEmail: number; byIp: number; oldestByEmail: Date | null; oldestByIp: Date | null }> {
    const rows = await this.users.query<{ by_email: number; by_ip: number; oldest_by_email: Date | null; oldest_by_ip: Date | null }[]>(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
              count(*) FILTER (WHERE ip = $2)::int AS by_ip,
              min(attempted_at) FILTER (WHERE email = $1) AS oldest_by_email,
              min(attempted_at) FILTER (WHERE ip = $2) AS oldest_by_ip
         FROM login_attempts
        WHERE NOT succeeded AND attempted_at > $3 AND (email = $1 OR ip = $2)`,
      [email, ip, since],
    );
    const row = rows[0];
    return {
      byEmail: row?.by_email ?? 0,
      byIp: row?.by_ip ?? 0,
      oldestByEmail: row?.oldest_by_email ?? null,
      oldestByIp: row?.oldest_by_ip ?? null,
    };
  }

  async insertInvite(
    manager: EntityManager,
    invite: { userId: string; tokenHash: string; invitedBy: string | null; expiresAt: Date; createdAt: Date },
  ): Promise<UserInviteEntity> {
    return manager.save(manager.create(UserInviteEntity, { ...invite, acceptedAt: null }));
  }

  findInvite(tokenHash: string): Promise<UserInviteEntity | null> {
    return this.users.manager.createQueryBuilder(UserInviteEntity, 'i').where('i.tokenHash = :tokenHash', { tokenHash }).getOne();
  }

  /**
   * Disables one member of a partner (or of the vendor when partnerId is null): refuses its logins,
   * revokes its sessions and API tokens and burns an unaccepted invitation, so nothing it holds still
   * works. Null when there is no such member; otherwise the user and the status it had.
   */
  async disableMember(manager: EntityManager, partnerId: string | null, userId: string, now: Date): Promise<{ user: UserEntity; previousStatus: UserStatus } | null> {
    const user = await manager
      .createQueryBuilder(UserEntity, 'u')
      .setLock('pessimistic_write')
      .where('u.id = :userId', { userId })
      .andWhere(partnerId === null ? 'u.partnerId IS NULL' : 'u.partnerId = :partnerId', { partnerId })
      .getOne();
    if (!user) return null;
    const previousStatus = user.status;
    if (previousStatus !== 'disabled') await manager.update(UserEntity, { id: userId }, { status: 'disabled' });
    await manager.createQueryBuilder().update(AuthTokenEntity).set({ revokedAt: now }).where('user_id = :userId AND revoked_at IS NULL', { userId }).execute();
    await manager
      .createQueryBuilder()
      .update(UserInviteEntity)
      .set({ expiresAt: now })
      .where('user_id = :userId AND accepted_at IS NULL AND expires_at > :now', { userId, now })
      .execute();
    return { user: Object.assign(user, { status: 'disabled' as const }), previousStatus };
  }

  /** Locks the invite row for acceptance. */
  findInviteForUpdate(manager: EntityManager, tokenHash: string): Promise<UserInviteEntity | null> {
    return manager
      .createQueryBuilder(UserInviteEntity, 'i')
      .setLock('pessimistic_write')
      .where('i.tokenHash = :tokenHash', { tokenHash })
      .getOne();
  }

  /** Whether this id is an active vendor user (not of a partner), in the caller's transaction when given. */
  isActiveVendorUser(id: string, manager: EntityManager = this.users.manager): Promise<boolean> {
    return manager.createQueryBuilder(UserEntity, 'u').where("u.id = :id AND u.partnerId IS NULL AND u.status = 'active'", { id }).getExists();
  }

  /** Active vendor users by name (case-insensitive), then id; at most `limit`. */
  listActiveVendorUsers(limit: number): Promise<Pick<UserEntity, 'id' | 'name' | 'email'>[]> {
    return this.users.query(`SELECT id, name, email FROM users WHERE partner_id IS NULL AND status = 'active' ORDER BY lower(name), id LIMIT $1`, [limit]);
  }

  /** The users with these ids (one query), optionally only the active ones, in the caller's transaction when given. */
  findByIds(ids: string[], options: { activeOnly?: boolean } = {}, manager: EntityManager = this.users.manager): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const query = manager.createQueryBuilder(UserEntity, 'u').where('u.id IN (:...ids)', { ids: [...new Set(ids)] });
    if (options.activeOnly) query.andWhere("u.status = 'active'");
    return query.getMany();
  }

  /** The active admins of these partners (one query), in the caller's transaction when given. */
  findActivePartnerAdmins(partnerIds: string[], manager: EntityManager = this.users.manager): Promise<UserEntity[]> {
    if (partnerIds.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(UserEntity, 'u')
      .where("u.partnerId IN (:...partnerIds) AND u.role = 'partner_admin' AND u.status = 'active'", { partnerIds: [...new Set(partnerIds)] })
      .getMany();
  }

  // For campaigns: who hears of a partner's new leads.

  /** A partner's active admins (email and name, by email, at most `limit`), in the caller's transaction. */
  activePartnerAdmins(manager: EntityManager, partnerId: string, limit: number): Promise<{ email: string; name: string }[]> {
    return manager.query("SELECT email, name FROM users WHERE partner_id = $1 AND role = 'partner_admin' AND status = 'active' ORDER BY email LIMIT $2", [partnerId, limit]);
  }

  // For nurture: who the activation program publishes its built-in content as, and writes to.

  /** The first active vendor admin (by created_at, then id), or null. */
  async firstActiveVendorAdmin(): Promise<Pick<UserEntity, 'id' | 'email' | 'name'> | null> {
    const rows = await this.users.query<{ id: string; email: string; name: string }[]>(
      `SELECT id, email, name FROM users WHERE role = 'vendor_admin' AND status = 'active' ORDER BY created_at, id LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  /** The ids of a partner's active admins, by created_at then id, in the caller's transaction when given. */
  async activePartnerAdminIds(partnerId: string, manager: EntityManager = this.users.manager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM users WHERE partner_id = $1 AND role = 'partner_admin' AND status = 'active' ORDER BY created_at, id`,
      [partnerId],
    );
    return rows.map((r) => r.id);
  }
}
