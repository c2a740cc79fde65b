import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ConflictError, DomainError } from '../errors/domain-error';
import { escapeHtml } from '../http/html';
import { PlatformMail } from '../queue/platform-mail.service';
import { AuthService, IssuedToken } from './auth.service';
import { Principal, Role } from './roles';
import { generateToken, hashPassword, hashToken } from './secrets';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

export interface InviteRequest {
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  /** Shown in the email: the partner's name, or the vendor's for vendor users. */
  organisationName: string;
}

export class InviteInvalidError extends DomainError {
  constructor() {
    super('INVITE_INVALID', 'This invitation link is invalid, expired or already used', 410);
  }
}

export const MIN_PASSWORD_LENGTH = 10;

/** Invitations: a user row in status `invited`, a one-time link by email, and acceptance that sets the password. */
@Injectable()
export class InviteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly platformMail: PlatformMail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(request: InviteRequest, actor: Principal, requestId?: string): Promise<UserEntity> {
    const email = request.email.trim().toLowerCase();
    const token = generateToken('ck_inv');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.inviteTtlHours * 3_600_000);
    const link = `${this.config.publicUrl}/invite/${token}`;
    const user = await this.dataSource.transaction(async (manager) => {
      if (await this.users.emailTaken(email, manager)) {
        throw new ConflictError('EMAIL_TAKEN', `A user with email ${email} already exists`, { field: 'email' });
      }
      const user = await this.users.createInvited(manager, { email, name: request.name.trim(), role: request.role, partnerId: request.partnerId });
      const invite = await this.users.insertInvite(manager, { userId: user.id, tokenHash: hashToken(token), invitedBy: actor.userId, expiresAt, createdAt: now });
      await this.audit.record(
        {
          actorUserId: actor.userId,
          onBehalfOfPartnerId: actor.partnerId === null ? request.partnerId : null,
          action: 'user.invited',
          entityType: 'user',
          entityId: user.id,
          after: { email, role: request.role, partnerId: request.partnerId },
          requestId: requestId ?? null,
        },
        manager,
      );
      // Recorded with the invitation: it exists exactly when the invitation does.
      await this.platformMail.queue(manager, {
        to: email,
        subject: `You're invited to ${request.organisationName} on ChannelKit`,
        text: `Hello ${request.name},\n\n${actor.name} invited you to join ${request.organisationName} on ChannelKit.\n\nSet your password here (the link works once and expires ${expiresAt.toISOString()}):\n${link}\n`,
        html: `<p>Hello ${escapeHtml(request.name)},</p><p>${escapeHtml(actor.name)} invited you to join <strong>${escapeHtml(request.organisationName)}</strong> on ChannelKit.</p><p><a href="${escapeHtml(link)}">Accept the invitation and set your password</a></p><p>The link works once and expires ${escapeHtml(expiresAt.toISOString())}.</p>`,
        reference: `invite:${invite.id}`,
      });
      return user;
    });
    await this.platformMail.wake();
    return user;
  }

  /** Whether an invitation link can still be accepted (for the page, before asking for a password). */
  async isUsable(token: string): Promise<boolean> {
    const invite = await this.users.findInvite(hashToken(token));
    return invite !== null && invite.acceptedAt === null && invite.expiresAt > this.clock.now();
  }

  /** Sets the password, activates the user, burns the invite, and logs the user in. */
  async accept(token: string, password: string): Promise<{ user: UserEntity; session: IssuedToken }> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('VALIDATION_FAILED', `password must be at least ${MIN_PASSWORD_LENGTH} characters`, 400, {
        fields: [{ field: 'password', problems: [`must be at least ${MIN_PASSWORD_LENGTH} characters`] }],
      });
    }
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    const user = await this.dataSource.transaction(async (manager) => {
      const invite = await this.users.findInviteForUpdate(manager, hashToken(token));
      if (!invite || invite.acceptedAt !== null || invite.expiresAt <= now) throw new InviteInvalidError();
      await manager.update('user_invites', { id: invite.id }, { acceptedAt: now });
      await manager.update(UserEntity, { id: invite.userId }, { passwordHash, status: 'active' });
      await this.audit.record({ actorUserId: invite.userId, action: 'user.invite_accepted', entityType: 'user', entityId: invite.userId }, manager);
      return manager.findOneByOrFail(UserEntity, { id: invite.userId });
    });
    return { user, session: await this.auth.issueSession(user.id) };
  }
}
