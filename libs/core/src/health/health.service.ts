import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
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

export type CheckName = 'database' | 'queue' | 'storage' | 'worker';
type Checks = Record<CheckName, CheckResult>;

/** `GET /health`: the summary. `degraded` (503) when any check fails, a stale worker heartbeat included. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Checks;
}

/** `GET /health/ready`: the same checks; `failed` names the ones that make this process unready. */
export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  failed: CheckName[];
  checks: Checks;
}

interface Heartbeat {
  worker: string;
  at: string;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly storage: StorageService,
    private readonly state: SystemStateService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(): Promise<HealthReport> {
    const checks = await this.checks();
    return { status: Object.values(checks).every((c) => c.ok) ? 'ok' : 'degraded', checks };
  }

  async readiness(): Promise<ReadinessReport> {
    const checks = await this.checks();
    const failed = (Object.keys(checks) as CheckName[]).filter((name) => !checks[name].ok);
    return { status: failed.length === 0 ? 'ready' : 'not-ready', failed, checks };
  }

  private async checks(): Promise<Checks> {
    // One read of the heartbeat serves both the queue summary (as before) and the worker check.
    const beat = this.state.get<Heartbeat>('worker-heartbeat');
    const [database, queue, storage, worker] = await Promise.all([
      check(async () => {
        await this.dataSource.query('SELECT 1');
      }),
      check(async () => {
        const counts = await this.queues.queue(QUEUE_NAMES.default).getJobCounts('waiting', 'active', 'delayed', 'failed');
        return { jobs: counts, lastHeartbeatAt: (await beat.catch(() => null))?.value.at ?? null };
      }),
      check(() => this.storage.ping()),
      check(async () => this.workerFreshness(await beat)),
    ]);
    return { database, queue, storage, worker };
  }

  /**
   * The worker writes its heartbeat every 30 s with the clock it runs on; one older than
   * WORKER_HEARTBEAT_MAX_AGE_MS means no worker is taking jobs (dead, hung, or never started).
   */
  private workerFreshness(beat: { value: Heartbeat } | null): Record<string, unknown> {
    const maxAgeMs = this.config.heartbeatMaxAgeMs;
    if (!beat) throw new HealthCheckFailed('no worker heartbeat recorded yet', { lastHeartbeatAt: null, maxAgeMs });
    const ageMs = this.clock.now().getTime() - new Date(beat.value.at).getTime();
    const facts = { lastHeartbeatAt: beat.value.at, worker: beat.value.worker, ageMs, maxAgeMs };
    if (ageMs > maxAgeMs) throw new HealthCheckFailed(`worker heartbeat is stale: last one ${Math.round(ageMs / 1000)} s ago (limit ${Math.round(maxAgeMs / 1000)} s)`, facts);
    return facts;
  }
}

/** A failed check that still has facts to show beside its error. */
class HealthCheckFailed extends Error {
  constructor(
    message: string,
    readonly facts: Record<string, unknown>,
  ) {
    super(message);
  }
}

async function check(probe: () => Promise<Record<string, unknown> | void>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const extra = (await withTimeout(probe(), 3_000)) ?? {};
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...extra };
  } catch (error) {
    const facts = error instanceof HealthCheckFailed ? error.facts : {};
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error), ...facts };
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
