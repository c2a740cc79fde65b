import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, isUuid, uuidFromHex } from '@app/core';
import { LinkSecretService } from '@app/links';

const PURPOSE = 'unsubscribe';

/**
 * The token in a message's unsubscribe link and List-Unsubscribe header: the message id and an
 * HMAC of it (`<id hex>.<mac>`), so nobody can unsubscribe someone else by guessing.
 */
@Injectable()
export class UnsubscribeTokens {
  constructor(
    private readonly secrets: LinkSecretService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  token(messageId: string): string {
    const id = messageId.replace(/-/g, '');
    return `${id}.${this.secrets.sign(PURPOSE, id).subarray(0, 16).toString('base64url')}`;
  }

  /** The one-click URL (GET shows a confirmation page, POST unsubscribes, RFC 8058). */
  url(messageId: string): string {
    return `${this.config.publicUrl}/u/${this.token(messageId)}`;
  }

  /** The message id, or null for a forged or mangled token. */
  verify(token: string): string | null {
    if (typeof token !== 'string' || token.length > 100) return null;
    const [id, mac, extra] = token.split('.');
    if (!id || !mac || extra !== undefined || !/^[0-9a-f]{32}$/.test(id)) return null;
    const expected = this.secrets.sign(PURPOSE, id).subarray(0, 16);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const uuid = uuidFromHex(id);
    return isUuid(uuid) ? uuid : null;
  }
}
