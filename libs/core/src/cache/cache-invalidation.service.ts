import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const CHANNEL = 'channelkit_cache';
/** NOTIFY payloads must stay under 8,000 bytes; longer key lists go in several notifications. */
const MAX_PAYLOAD_CHARS = 7_000;
const RECONNECT_MS = [100, 500, 2_000, 5_000];

/** `null`: forget everything of that topic (a notification may have been missed). */
export type InvalidationHandler = (keys: string[] | null) => void;

/**
 * Tells every process of the deployment that cached entries changed, through PostgreSQL
 * `LISTEN/NOTIFY` on the application database (every api process has it; Redis is optional).
 * A notification sent inside a transaction is delivered when it commits and not at all when it rolls
 * back, so no process reloads the old row between the change and the commit and caches it again.
 * This process drops its own entries at once too. While the listening connection is down, and when
 * it comes back, every topic is cleared: the cache lifetime is then only a safety net.
 * Not through a transaction-pooling proxy (LISTEN needs a session): point DATABASE_URL at PostgreSQL.
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CacheInvalidation.name);
  private readonly handlers = new Map<string, InvalidationHandler[]>();
  private listener: Client | null = null;
  private closing = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Register in a constructor: the listening connection opens at module init only if someone listens. */
  subscribe(topic: string, handler: InvalidationHandler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  /**
   * Drops `keys` of `topic` here at once and in every process when `manager`'s transaction commits
   * (at once without one).
   */
  async publish(topic: string, keys: string[], manager?: EntityManager): Promise<void> {
    if (keys.length === 0) return;
    this.dispatch(topic, keys);
    const runner = manager ?? this.dataSource.manager;
    for (const payload of chunk(topic, keys)) await runner.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
  }

  async onModuleInit(): Promise<void> {
    if (this.handlers.size > 0 && this.config.database.url) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url!, application_name: `channelkit-${this.config.role}-cache` });
    client.on('notification', (n: Notification) => this.receive(n));
    client.on('error', (error: Error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    if (this.attempt > 0) this.clearAll();
    this.attempt = 0;
  }

  private lost(client: Client, error: Error): void {
    if (this.closing || this.listener !== client) return;
    this.listener = null;
    this.logger.warn(`cache invalidation listener lost (${error.message}); reconnecting, caches cleared meanwhile`);
    this.clearAll();
    void client.end().catch(() => undefined);
    this.reconnect();
  }

  private reconnect(): void {
    const delay = RECONNECT_MS[Math.min(this.attempt, RECONNECT_MS.length - 1)]!;
    this.attempt++;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.closing) return;
      this.listen().catch((error: Error) => {
        this.logger.warn(`cache invalidation listener: ${error.message}`);
        this.clearAll();
        this.reconnect();
      });
    }, delay);
    this.retry.unref();
  }

  private receive(notification: Notification): void {
    if (notification.channel !== CHANNEL || !notification.payload) return;
    try {
      const { t, k } = JSON.parse(notification.payload) as { t: string; k: string[] };
      this.dispatch(t, k);
    } catch {
      this.logger.warn('unreadable cache invalidation ignored');
    }
  }

  private dispatch(topic: string, keys: string[] | null): void {
    for (const handler of this.handlers.get(topic) ?? []) handler(keys);
  }

  private clearAll(): void {
    for (const topic of this.handlers.keys()) this.dispatch(topic, null);
  }
}

function chunk(topic: string, keys: string[]): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  let size = 0;
  for (const key of keys) {
    if (batch.length > 0 && size + key.length + 3 > MAX_PAYLOAD_CHARS) {
      payloads.push(JSON.stringify({ t: topic, k: batch }));
      batch = [];
      size = 0;
    }
    batch.push(key);
    size += key.length + 3;
  }
  payloads.push(JSON.stringify({ t: topic, k: batch }));
  return payloads;
}
