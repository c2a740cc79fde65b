import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/core';

/** Who a message is from, where replies go, and how it is signed. */
export interface SenderIdentity {
  /** The full From header (display name and address). */
  from: string;
  replyTo: string | null;
  /** The domain of the From address: rate-limited per domain, and signed with its DKIM key. */
  domain: string;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
}

interface PartnerSender {
  name: string;
  slug: string;
  domain: string | null;
  local_part: string | null;
  dkim_selector: string | null;
  dkim_private_key: string | null;
  reply_to: string | null;
}

/**
 * Sender identity per partner: "Partner Name" (or "Partner via Vendor") from the partner's own
 * verified domain when it has one, else from `<partner slug>@<vendor sending domain>`; Reply-To
 * the partner user behind the content (or the partner's first admin). Vendor mail comes from
 * MAIL_FROM. DKIM signs when the domain has a key.
 */
@Injectable()
export class SenderIdentityService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every message's Message-ID, fixed when the message row is written (before any SMTP call). */
  messageIdHeader(messageId: string): string {
    return `<${messageId}@${this.config.mail.sendingDomain}>`;
  }

  vendor(): SenderIdentity {
    return { from: this.config.mail.from, replyTo: null, domain: this.config.mail.sendingDomain, dkim: this.vendorDkim() };
  }

  /** The identity of mail sent in a partner's name. */
  async partner(partnerId: string, replyToUserId: string | null): Promise<SenderIdentity> {
    const rows = await this.dataSource.query<PartnerSender[]>(
      `SELECT p.name, p.slug, d.domain, d.from_local_part AS local_part, d.dkim_selector, d.dkim_private_key,
              COALESCE(
                (SELECT u.email FROM users u WHERE u.id = $2 AND u.partner_id = p.id AND u.status = 'active'),
                (SELECT u.email FROM users u WHERE u.partner_id = p.id AND u.role = 'partner_admin' AND u.status = 'active' ORDER BY u.created_at LIMIT 1)
              ) AS reply_to
       FROM partners p
       LEFT JOIN LATERAL (SELECT * FROM sending_domains s WHERE s.partner_id = p.id AND s.verified_at IS NOT NULL ORDER BY s.verified_at LIMIT 1) d ON true
       WHERE p.id = $1`,
      [partnerId, replyToUserId],
    );
    const row = rows[0];
    if (!row) throw new Error(`mailing: partner ${partnerId} not found`);
    if (row.domain && row.local_part) {
      return {
        from: address(row.name, `${row.local_part}@${row.domain}`),
        replyTo: row.reply_to,
        domain: row.domain,
        dkim: row.dkim_selector && row.dkim_private_key ? { domainName: row.domain, keySelector: row.dkim_selector, privateKey: row.dkim_private_key } : null,
      };
    }
    const display = this.config.mail.partnerDisplay === 'partner' ? row.name : `${row.name} via ${this.config.mail.vendorName}`;
    return { from: address(display, `${row.slug}@${this.config.mail.sendingDomain}`), replyTo: row.reply_to, domain: this.config.mail.sendingDomain, dkim: this.vendorDkim() };
  }

  private vendorDkim(): SenderIdentity['dkim'] {
    const dkim = this.config.mail.dkim;
    return dkim ? { domainName: this.config.mail.sendingDomain, keySelector: dkim.selector, privateKey: dkim.privateKey } : null;
  }
}

/** `"Display Name" <address>`, the name quoted and stripped of what could break the header. */
export function address(name: string, email: string): string {
  const clean = name.replace(/[\r\n"\\<>]/g, '').trim().slice(0, 100);
  return clean ? `"${clean}" <${email}>` : email;
}
