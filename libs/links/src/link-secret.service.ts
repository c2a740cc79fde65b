import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SystemStateService, utcDay } from '@app/core';

const SECRET_KEY = 'links-secret';

/**
 * The server secret behind visitor hashes and pixel tokens. Kept in `system_state` so every api
 * process shares it; created once by whichever process boots first (stored unless present, then
 * read back), loaded at boot so the request path never touches the database.
 */
@Injectable()
export class LinkSecretService implements OnModuleInit {
  private secret: Buffer | null = null;
  private saltDay = '';
  private salt: Buffer = Buffer.alloc(0);
  /** Today's hashes of recent IPs (cleared with the salt, bounded): repeat visitors skip the hash. */
  private readonly hashes = new Map<string, string>();
  /** Keys derived per purpose (a handful), so signing costs one HMAC, not two. */
  private readonly purposeKeys = new Map<string, Buffer>();

  constructor(private readonly state: SystemStateService) {}

  async onModuleInit(): Promise<void> {
    const { secret } = await this.state.getOrCreate<{ secret?: string }>(SECRET_KEY, () => ({ secret: randomBytes(32).toString('base64url') }));
    if (!secret) throw new Error('links: the server secret is missing from system_state');
    this.secret = Buffer.from(secret, 'base64url');
  }

  private key(): Buffer {
    if (!this.secret) throw new Error('links: LinkSecretService used before module init');
    return this.secret;
  }

  /**
   * SHA-256 of the IP with a salt that changes every UTC day (HMAC of the secret and the date), so
   * a visitor can be counted once per day but not followed across days; raw IPs are never stored.
   */
  hashIp(ip: string, at: Date): string {
    const day = utcDay(at.getTime());
    if (day !== this.saltDay) {
      this.salt = createHmac('sha256', this.key()).update(`visitor-salt:${day}`).digest();
      this.saltDay = day;
      this.hashes.clear();
    }
    let hash = this.hashes.get(ip);
    if (hash === undefined) {
      hash = createHash('sha256').update(this.salt).update(ip).digest('base64url');
      if (this.hashes.size >= 10_000) this.hashes.clear();
      this.hashes.set(ip, hash);
    }
    return hash;
  }

  /** HMAC-SHA256 under a key derived for one purpose, so one use cannot forge another's values. */
  sign(purpose: string, data: string): Buffer {
    let key = this.purposeKeys.get(purpose);
    if (!key) {
      key = createHmac('sha256', this.key()).update(`purpose:${purpose}`).digest();
      this.purposeKeys.set(purpose, key);
    }
    return createHmac('sha256', key).update(data).digest();
  }
}
