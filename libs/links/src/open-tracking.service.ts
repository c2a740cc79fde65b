import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, Clock, isUuid, uuidFromHex } from '@app/core';
import { ClickRecorder } from './click-recorder.service';
import { LinkSecretService } from './link-secret.service';
import { Headers } from './link-redirect.service';
import { isPrefetch, parseUserAgent } from './user-agent';

export interface OpenRef {
  launchId: string | null;
  partnerId: string;
  messageRef: string;
}

const PURPOSE = 'open-pixel';

/** A transparent 1×1 GIF. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The open pixel. Its token is `<base64url JSON>.<base64url HMAC>` so nobody can mint opens for
 * another launch or partner. Opens are approximate (image blocking, proxies that prefetch every
 * image), recorded through the same buffered writer as clicks.
 */
@Injectable()
export class OpenTrackingService {
  constructor(
    private readonly secrets: LinkSecretService,
    private readonly recorder: ClickRecorder,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  pixelUrl(ref: OpenRef): string {
    return `${this.config.publicUrl}/o/${this.token(ref)}`;
  }

  /**
   * `<payload>.<signature>`, base64url: the payload is the launch id (16 bytes, zeros for none), the
   * partner id (16 bytes) and the message reference (UTF-8); binary rather than JSON keeps the
   * pixel URL short. The signature is the first 16 bytes of an HMAC-SHA256 under a derived key.
   */
  token(ref: OpenRef): string {
    const payload = Buffer.concat([uuidBytes(ref.launchId), uuidBytes(ref.partnerId), Buffer.from(ref.messageRef.slice(0, 200), 'utf8')]).toString('base64url');
    return `${payload}.${this.secrets.sign(PURPOSE, payload).subarray(0, 16).toString('base64url')}`;
  }

  verify(token: string): OpenRef | null {
    if (token.length > 2048) return null;
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = this.secrets.sign(PURPOSE, payload).subarray(0, 16);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < 32) return null;
    const launch = bytes.subarray(0, 16);
    return {
      launchId: launch.every((b) => b === 0) ? null : uuidString(launch),
      partnerId: uuidString(bytes.subarray(16, 32)),
      messageRef: bytes.subarray(32).toString('utf8'),
    };
  }

  /** Records the open if the token is genuine; a bad token is ignored (the GIF is served either way). */
  recordOpen(token: string, request: { ip: string; method: string; headers: Headers }): boolean {
    const ref = this.verify(token);
    if (!ref) return false;
    const now = this.clock.now();
    const uaHeader = request.headers['user-agent'];
    const ua = parseUserAgent(Array.isArray(uaHeader) ? uaHeader[0] : uaHeader);
    this.recorder.recordOpen({
      launchId: ref.launchId,
      partnerId: ref.partnerId,
      messageRef: ref.messageRef.slice(0, 200),
      at: now,
      ipHash: this.secrets.hashIp(request.ip, now),
      uaFamily: ua.family,
      bot: ua.bot || ua.scanner || request.method === 'HEAD' || isPrefetch(request.headers),
    });
    return true;
  }
}

function uuidBytes(id: string | null): Buffer {
  if (id === null) return Buffer.alloc(16);
  const value: unknown = id;
  if (!isUuid(value)) throw new Error(`links: not a UUID: ${String(value)}`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidString(bytes: Buffer): string {
  return uuidFromHex(bytes.toString('hex'));
}
