import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/core';
import { BurstDetector } from './burst-detector';
import { LinkClickRepository } from './link-click.repository';
import { PendingClick, PendingOpen } from './pending-click';

const MAX_BATCH = 5_000;
/** While the database is unreachable, keep at most this many; beyond it the oldest are dropped (and logged). */
const MAX_BUFFERED = 200_000;

/**
 * Buffers clicks and opens in memory and writes them in batches, so the redirect never waits on a
 * database write. A timer flushes every `CLICK_FLUSH_INTERVAL_MS`, a buffer of `CLICK_FLUSH_BATCH_SIZE`
 * flushes at once, and shutdown flushes what is left (the launcher stops HTTP first, so the last
 * flush has an end). The interval and the batch size bound what a kill -9 loses.
 */
@Injectable()
export class ClickRecorder implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ClickRecorder.name);
  private clicks: PendingClick[] = [];
  private opens: PendingOpen[] = [];
  private lateScanner: string[] = [];
  private readonly bursts = new BurstDetector<PendingClick>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private dropped = 0;
  private readonly flushIntervalMs: number;
  /** A batch this size is written at once instead of waiting for the timer. */
  private readonly flushAt: number;

  constructor(
    private readonly writer: LinkClickRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.flushIntervalMs = config.clicks.flushIntervalMs;
    this.flushAt = config.clicks.flushBatchSize;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Clicks and opens waiting to be written. */
  get pending(): number {
    return this.clicks.length + this.opens.length + this.lateScanner.length;
  }

  record(click: PendingClick): void {
    if (click.launchId !== null && !click.bot) {
      for (const marked of this.bursts.observe(`${click.launchId}|${click.ipHash}`, click)) {
        if (marked.flushed) this.lateScanner.push(marked.clickId);
      }
    }
    this.clicks.push(click);
    this.bound();
    // A running flush drains until the buffer is empty; chaining another per click only piles up promises.
    if (this.clicks.length >= this.flushAt && !this.running) void this.flush();
  }

  recordOpen(open: PendingOpen): void {
    this.opens.push(open);
    this.bound();
    if (this.opens.length >= this.flushAt && !this.running) void this.flush();
  }

  /** Writes everything buffered so far; concurrent callers share the one running flush. */
  flush(): Promise<void> {
    if (this.running) return this.running.then(() => (this.pending > 0 ? this.flush() : undefined));
    this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending > 0) {
      const clicks = this.clicks.splice(0, MAX_BATCH);
      const opens = this.opens.splice(0, MAX_BATCH);
      const late = this.lateScanner.splice(0, MAX_BATCH);
      for (const c of clicks) c.flushed = true;
      try {
        await this.writer.writeBatch(clicks, opens, late);
      } catch (error) {
        for (const c of clicks) c.flushed = false;
        this.clicks = clicks.concat(this.clicks);
        this.opens = opens.concat(this.opens);
        this.lateScanner = late.concat(this.lateScanner);
        this.logger.error(`click flush failed, ${this.pending} kept for the next attempt: ${(error as Error).message}`);
        return;
      }
    }
    this.bursts.prune(this.clock.now());
    if (this.dropped > 0) {
      this.logger.error(`${this.dropped} clicks/opens were dropped while the buffer was full`);
      this.dropped = 0;
    }
  }

  private bound(): void {
    const over = this.clicks.length + this.opens.length - MAX_BUFFERED;
    if (over <= 0) return;
    this.dropped += over;
    const fromClicks = Math.min(over, this.clicks.length);
    this.clicks.splice(0, fromClicks);
    this.opens.splice(0, over - fromClicks);
  }
}
