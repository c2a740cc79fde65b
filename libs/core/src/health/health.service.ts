import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QUEUE_NAMES } from '../queue/queue-names';
import { QueueService } from '../queue/queue.service';
import { StorageService } from '../storage/storage.service';
import { SystemStateService } from './system-state.service';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
  [extra: string]: unknown;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { database: CheckResult; queue: CheckResult; storage: CheckResult };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly storage: StorageService,
    private readonly state: SystemStateService,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, queue, storage] = await Promise.all([
      check(async () => {
        await this.dataSource.query('SELECT 1');
      }),
      check(async () => {
        const counts = await this.queues.queue(QUEUE_NAMES.default).getJobCounts('waiting', 'active', 'delayed', 'failed');
        const beat = await this.state.get<{ worker: string; at: string }>('worker-heartbeat');
        return { jobs: counts, lastHeartbeatAt: beat?.value.at ?? null };
      }),
      check(() => this.storage.ping()),
    ]);
    return { status: database.ok && queue.ok && storage.ok ? 'ok' : 'degraded', checks: { database, queue, storage } };
  }
}

async function check(probe: () => Promise<Record<string, unknown> | void>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const extra = (await withTimeout(probe(), 3_000)) ?? {};
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...extra };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
