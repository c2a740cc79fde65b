import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../clock/clock';
import { DomainError, NotFoundError, RateLimitedError, UnauthenticatedError } from '../errors/domain-error';
import { AuthTokenEntity } from './auth-token.entity';
import { Principal } from './roles';
import { generateToken, hashToken, verifyPassword } from './secrets';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

export interface IssuedToken {
  token: string;
  expiresAt: Date | null;
  record: AuthTokenEntity;
}

const TOUCH_EVERY_MS = 60_000;

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 'Email or password is wrong', 401);
  }
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Email + password → a session token. Failures are counted per email and per IP in PostgreSQL
   * (so every api process shares the limit); over the limit, even a right password is refused.
   */
  async login(emailInput: string, password: string, ip: string): Promise<{ session: IssuedToken; user: UserEntity }> {
    const email = emailInput.trim().toLowerCase();
    const now = this.clock.now();
    const windowMs = this.config.auth.loginWindowMinutes * 60_000;
    const failures = await this.users.recentFailures(email, ip, new Date(now.getTime() - windowMs));
    const max = this.config.auth.loginMaxFailures;
    if (failures.byEmail >= max || failures.byIp >= max) {
      // Free once every exceeded limit has dropped below max: a window after the later of their oldest failures.
      const oldestLimiting = Math.max(
        failures.byEmail >= max ? (failures.oldestByEmail?.getTime() ?? now.getTime()) : 0,
        failures.byIp >= max ? (failures.oldestByIp?.getTime() ?? now.getTime()) : 0,
      );
      const freeAt = oldestLimiting + windowMs;
      throw new RateLimitedError('Too many failed logins; try again later', Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)));
    }
    const user = await this.users.findForLogin(email);
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !passwordOk || user.status !== 'active') {
      await this.users.recordAttempt(email, ip, false, now);
      throw new InvalidCredentialsError();
    }
    await this.users.recordAttempt(email, ip, true, now);
    await this.users.recordLogin(user.id, now);
    user.lastLoginAt = now;
    const session = await this.issue(user.id, 'session', null, new Date(now.getTime() + this.config.auth.sessionTtlMinutes * 60_000));
    return { session, user };
  }

  /** Bearer token → principal, or UnauthenticatedError when unknown, expired, revoked or disabled. */
  async authenticate(token: string): Promise<Principal> {
    const now = this.clock.now();
    const found = await this.users.findLiveToken(hashToken(token), now);
    if (!found) throw new UnauthenticatedError('Token is invalid, expired or revoked');
    const { token: record, user } = found;
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.users.touchToken(record.id, now);
    }
    return {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      partnerId: user.partnerId,
      tokenId: record.id,
      tokenKind: record.kind,
    };
  }

  async logout(principal: Principal): Promise<void> {
    await this.users.revokeToken(principal.userId, principal.tokenId, principal.tokenKind, this.clock.now());
  }

  /** A personal API token for integrations; the secret is returned once and only its hash is kept. */
  async createApiToken(principal: Principal, name: string, expiresInDays: number | null): Promise<IssuedToken> {
    if (principal.tokenKind !== 'session') {
      throw new DomainError('SESSION_REQUIRED', 'API tokens can only be created from a login session', 403);
    }
    const expiresAt = expiresInDays === null ? null : new Date(this.clock.now().getTime() + expiresInDays * 86_400_000);
    return this.issue(principal.userId, 'api', name, expiresAt);
  }

  listApiTokens(principal: Principal): Promise<AuthTokenEntity[]> {
    return this.users.listApiTokens(principal.userId);
  }

  async revokeApiToken(principal: Principal, tokenId: string): Promise<void> {
    if (!(await this.users.revokeToken(principal.userId, tokenId, 'api', this.clock.now()))) throw new NotFoundError('Token');
  }

  async issueSession(userId: string): Promise<IssuedToken> {
    const now = this.clock.now();
    return this.issue(userId, 'session', null, new Date(now.getTime() + this.config.auth.sessionTtlMinutes * 60_000));
  }

  private async issue(userId: string, kind: 'session' | 'api', name: string | null, expiresAt: Date | null): Promise<IssuedToken> {
    const token = generateToken(kind === 'session' ? 'ck_s' : 'ck_pat');
    const record = await this.users.insertToken({
      userId,
      kind,
      name,
      tokenHash: hashToken(token),
      tokenPrefix: token.slice(0, kind === 'session' ? 10 : 12),
      createdAt: this.clock.now(),
      expiresAt,
    });
    return { token, expiresAt, record };
  }
}
