import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/core';

export interface LimitRequest {
  id: string;
  domain: string;
  partnerId: string;
}

export interface LimitGrant {
  granted: Set<string>;
  /** When the exhausted limits start counting again (the next hour). */
  nextWindow: Date;
  /** The scopes that ran out, for the deferral's history entry. */
  exhausted: string[];
}

const HOUR_MS = 3_600_000;

/**
 * Hourly send limits per sender domain, per partner and in all, enforced exactly: the counters
 * are locked (in scope order, so two claims cannot deadlock) in the transaction that marks
 * messages as sending, and a message is granted only if every one of its scopes has a unit left.
 * Windows are clock hours in UTC.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async take(m: EntityManager, requests: LimitRequest[], now: Date): Promise<LimitGrant> {
    const windowStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const nextWindow = new Date(windowStart.getTime() + HOUR_MS);
    if (requests.length === 0) return { granted: new Set(), nextWindow, exhausted: [] };
    const limits = this.config.mail.rateLimits;
    const scopesOf = (r: LimitRequest): [string, number][] => [
      [`domain:${r.domain}`, limits.perDomainHour],
      [`partner:${r.partnerId}`, limits.perPartnerHour],
      ['global', limits.globalHour],
    ];
    const scopes = [...new Set(requests.flatMap((r) => scopesOf(r).map(([s]) => s)))].sort();
    await m.query(`INSERT INTO send_counters (scope, window_start) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`, [scopes, windowStart]);
    const rows = await m.query<{ scope: string; count: number }[]>(
      `SELECT scope, count FROM send_counters WHERE scope = ANY($1) AND window_start = $2 ORDER BY scope FOR UPDATE`,
      [scopes, windowStart],
    );
    const used = new Map(rows.map((r) => [r.scope, r.count]));
    const granted = new Set<string>();
    const exhausted = new Set<string>();
    for (const request of requests) {
      const mine = scopesOf(request);
      const full = mine.filter(([scope, limit]) => (used.get(scope) ?? 0) >= limit);
      if (full.length > 0) {
        for (const [scope] of full) exhausted.add(scope);
        continue;
      }
      for (const [scope] of mine) used.set(scope, (used.get(scope) ?? 0) + 1);
      granted.add(request.id);
    }
    await m.query(
      `UPDATE send_counters c SET count = v.count FROM unnest($1::text[], $2::int[]) AS v(scope, count) WHERE c.scope = v.scope AND c.window_start = $3`,
      [scopes, scopes.map((s) => used.get(s) ?? 0), windowStart],
    );
    return { granted, nextWindow, exhausted: [...exhausted] };
  }
}
