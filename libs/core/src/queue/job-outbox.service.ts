import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { CrashPoints, SimulatedCrash } from './crash-points';
import { JOB_QUEUE, JobName, JobPayload } from './job-map';
import { QueueService } from './queue.service';

/** One job to record: its payload and its deterministic id (see `jobId`). */
export interface OutboxJob<N extends JobName> {
  payload: JobPayload<N>;
  jobId: string;
}

/** Rows put on the queue per relay transaction. */
const RELAY_BATCH = 200;
/** Per relay run; the rest waits for the next run (seconds). */
const MAX_RELAY_BATCHES = 20;
/** Relayed rows are kept this long (longer than any job's retries), then deleted. */
export const JOB_OUTBOX_KEEP_DAYS = 7;
const PRUNE_BATCH = 5_000;
const KNOWN_JOBS = Object.keys(JOB_QUEUE);

interface OutboxRow {
  id: string;
  job_name: JobName;
  job_id: string;
  payload: unknown;
}

/**
 * The transactional job outbox: every job that must follow a commit (an auto-launch per opted-in
 * partner, a lead's enrolment, a deal webhook, platform mail) is a row written in the caller's
 * transaction with `add`, so the job exists exactly when what it acts on does; a rollback leaves
 * none. After commit the caller calls `wake()`; a repeatable relay (`relay-jobs`, every few seconds
 * and at worker start) puts on the queue whatever a crash left.
 *
 * The relay claims rows with `FOR UPDATE SKIP LOCKED`, adds each row's job under the row's job id,
 * and marks the rows relayed in the same transaction: concurrent relays split the rows, and a relay
 * that dies before its commit leaves them to the next one, whose adds the queue ignores for the ids
 * it already holds. Handlers are idempotent for the rest (a job the queue had already removed).
 */
@Injectable()
export class JobOutbox {
  private readonly logger = new Logger(JobOutbox.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly clock: Clock,
    private readonly crash: CrashPoints,
  ) {}

  /**
   * Records one job in the caller's transaction (`manager`); it reaches the queue once that commits.
   * A job id already recorded is ignored. Returns whether a row was written.
   */
  async add<N extends JobName>(manager: EntityManager, name: N, payload: JobPayload<N>, jobId: string): Promise<boolean> {
    return (await this.addMany(manager, name, [{ payload, jobId }])) === 1;
  }

  /** Several jobs of one name in one statement; job ids already recorded are ignored. Returns how many were written. */
  async addMany<N extends JobName>(manager: EntityManager, name: N, jobs: OutboxJob<N>[]): Promise<number> {
    if (jobs.length === 0) return 0;
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO job_outbox (job_name, job_id, payload, created_at)
       SELECT $1, j.job_id, j.payload, $3 FROM jsonb_to_recordset($2::jsonb) AS j(job_id text, payload jsonb)
       ON CONFLICT (job_id) DO NOTHING RETURNING id`,
      [name, JSON.stringify(jobs.map((j) => ({ job_id: j.jobId, payload: j.payload }))), this.clock.now()],
    );
    return rows.length;
  }

  /**
   * For work a caller does itself right after its commit, with the job as the backstop should the
   * process die first: once the work is done, drops the job unless a relay already took it (a job
   * relayed meanwhile runs too, so its handler must be idempotent).
   */
  async discard(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM job_outbox WHERE job_id = $1 AND relayed_at IS NULL`, [jobId]);
  }

  /**
   * Relays now, for callers right after their commit. Never throws for the queue: the rows are safe
   * in the outbox, and the repeatable relay puts them on the queue if it is unreachable now.
   */
  async wake(): Promise<void> {
    this.crash.reach('job-outbox.before-relay');
    try {
      await this.relay();
    } catch (error) {
      if (error instanceof SimulatedCrash) throw error;
      this.logger.warn(`jobs stay in the outbox for the next relay: ${(error as Error).message}`);
    }
  }

  /** Puts every committed, unrelayed row on the queue (up to a cap per run); returns how many. */
  async relay(): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_RELAY_BATCHES; i++) {
      const relayed = await this.dataSource.transaction(async (m) => {
        const rows = await m.query<OutboxRow[]>(
          // Only jobs this release knows: a row a newer release wrote (a rolling deploy) waits for a relay that knows it.
          `SELECT id, job_name, job_id, payload FROM job_outbox WHERE relayed_at IS NULL AND job_name = ANY($2::text[]) ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [RELAY_BATCH, KNOWN_JOBS],
        );
        if (rows.length === 0) return 0;
        const byName = new Map<JobName, OutboxRow[]>();
        for (const row of rows) byName.set(row.job_name, [...(byName.get(row.job_name) ?? []), row]);
        for (const [name, group] of byName) {
          await this.queues.enqueueMany(name, group.map((r) => ({ payload: r.payload as JobPayload<typeof name>, jobId: r.job_id })));
        }
        this.crash.reach('job-outbox.relay-enqueued');
        await m.query(`UPDATE job_outbox SET relayed_at = $2 WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id), this.clock.now()]);
        return rows.length;
      });
      total += relayed;
      if (relayed < RELAY_BATCH) break;
    }
    return total;
  }

  /** Deletes rows relayed more than `JOB_OUTBOX_KEEP_DAYS` ago; returns how many. */
  async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - JOB_OUTBOX_KEEP_DAYS * 86_400_000);
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM job_outbox WHERE id IN (SELECT id FROM job_outbox WHERE relayed_at < $1 LIMIT ${PRUNE_BATCH})`,
      [before],
    );
    return count;
  }
}
