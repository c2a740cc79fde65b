import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoBrandService, PreparedEmail, TemplateEntity, TemplateVersionEntity } from '@app/brand';
import { APP_CONFIG, AppConfig, Lru, OutgoingMail } from '@app/core';
import { canonicalUrl, LinkService, OpenTrackingService } from '@app/links';
import { PartnerEntity } from '@app/partners';
import { RecipientSnapshot } from './message.types';
import { SenderIdentity, SenderIdentityService } from './sender-identity.service';
import { UnsubscribeTokens } from './unsubscribe-token.service';

/** A content ready to render per recipient: compiled once, reused by every message of a blast or step. */
export interface PreparedContent {
  contentId: string;
  partnerId: string;
  launchId: string | null;
  identity: SenderIdentity;
  email: PreparedEmail;
  /** The launch's trackable link URLs in this email, each followed by `?m=<message id>` per message. */
  trackedLinks: RegExp | null;
}

export interface RenderableMessage {
  id: string;
  to: string;
  recipient: RecipientSnapshot;
  messageIdHeader: string;
}

interface ContentRow {
  id: string;
  partner_id: string;
  template_version_id: string;
  launch_id: string | null;
  edits: Record<string, string>;
  sender: 'partner' | 'vendor';
  reply_to_user_id: string | null;
}

/** Contents are re-prepared after this long, so a partner's profile change reaches a long blast. */
const PREPARED_TTL_MS = 5 * 60_000;

/**
 * Renders messages: the content's template version co-branded for its partner, the vendor's
 * URLs replaced by the launch's trackable links (tagged with the message id, so a click counts
 * for this recipient), the open pixel, the unsubscribe link and the RFC 8058 headers.
 */
@Injectable()
export class MessageRenderer {
  private readonly prepared = new Lru<{ at: number; content: Promise<PreparedContent> }>(500);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cobrand: CoBrandService,
    private readonly links: LinkService,
    private readonly opens: OpenTrackingService,
    private readonly identities: SenderIdentityService,
    private readonly unsubscribe: UnsubscribeTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Forgets prepared contents (an asset they show was swapped or withdrawn); the next send prepares again. */
  forgetPrepared(): void {
    this.prepared.clear();
  }

  async prepare(contentId: string): Promise<PreparedContent> {
    const hit = this.prepared.get(contentId);
    if (hit && Date.now() - hit.at < PREPARED_TTL_MS) return hit.content;
    const content = this.load(contentId);
    this.prepared.set(contentId, { at: Date.now(), content });
    content.catch(() => this.prepared.delete(contentId));
    return content;
  }

  render(content: PreparedContent, message: RenderableMessage): OutgoingMail {
    const unsubscribeUrl = this.unsubscribe.url(message.id);
    const rendered = content.email.render(
      { firstName: message.recipient.firstName, lastName: message.recipient.lastName, company: message.recipient.company, email: message.to },
      { unsubscribe: unsubscribeUrl, viewInBrowser: `${this.config.publicUrl}/v/${this.unsubscribe.token(message.id)}` },
    );
    let { html, text } = rendered;
    if (content.trackedLinks) {
      const tag = `$&?m=${message.id}`;
      html = html.replace(content.trackedLinks, tag);
      text = text.replace(content.trackedLinks, tag);
    }
    const pixel = this.opens.pixelUrl({ launchId: content.launchId, partnerId: content.partnerId, messageRef: message.id });
    const img = `<img src="${pixel}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />`;
    html = html.includes('</body>') ? html.replace('</body>', `${img}</body>`) : html + img;
    return {
      to: message.to,
      from: content.identity.from,
      ...(content.identity.replyTo ? { replyTo: content.identity.replyTo } : {}),
      subject: rendered.subject,
      html,
      text,
      messageId: message.messageIdHeader,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      ...(content.identity.dkim ? { dkim: content.identity.dkim } : {}),
    };
  }

  /** The "view in browser" copy of a sent message, rendered again for its recipient; null if unknown. */
  async viewInBrowser(messageId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string; to_address: string; recipient: RecipientSnapshot; message_id_header: string; content_id: string }[]>(
      `SELECT id, to_address, recipient, message_id_header, content_id FROM messages WHERE id = $1`,
      [messageId],
    );
    const row = rows[0];
    if (!row) return null;
    const content = await this.prepare(row.content_id);
    return this.render(content, { id: row.id, to: row.to_address, recipient: row.recipient, messageIdHeader: row.message_id_header }).html;
  }

  private async load(contentId: string): Promise<PreparedContent> {
    const rows = await this.dataSource.query<ContentRow[]>(
      `SELECT id, partner_id, template_version_id, launch_id, edits, sender, reply_to_user_id FROM message_contents WHERE id = $1`,
      [contentId],
    );
    const row = rows[0];
    if (!row) throw new Error(`mailing: content ${contentId} not found`);
    const version = await this.dataSource.getRepository(TemplateVersionEntity).findOneByOrFail({ id: row.template_version_id });
    const template = await this.dataSource.getRepository(TemplateEntity).findOneByOrFail({ id: version.templateId });
    const partner = await this.dataSource.getRepository(PartnerEntity).findOneByOrFail({ id: row.partner_id });
    const tracked = new Map<string, string>();
    if (row.launch_id) {
      for (const link of await this.links.linksOfLaunch(row.launch_id)) {
        if (link.assetKey.startsWith(`${template.key}.`)) tracked.set(canonicalUrl(link.destinationUrl), link.url);
      }
    }
    const trackUrl = tracked.size > 0 ? (url: string) => tracked.get(canonicalUrl(url)) ?? url : undefined;
    const email = await this.cobrand.prepareEmail(version, partner, row.edits, trackUrl);
    const identity = row.sender === 'vendor' ? this.identities.vendor() : await this.identities.partner(row.partner_id, row.reply_to_user_id);
    const urls = [...tracked.values()];
    return {
      contentId,
      partnerId: row.partner_id,
      launchId: row.launch_id,
      identity,
      email,
      // A link URL not followed by more of a code (codes differ in length only by design, but be exact).
      trackedLinks: urls.length > 0 ? new RegExp(`(?:${urls.map(escapeRegExp).join('|')})(?![0-9A-Za-z])`, 'g') : null,
    };
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
