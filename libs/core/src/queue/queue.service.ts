import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DEFAULT_PRESET, JOB_PRESETS, JobName, JobPayload, JobPreset, queueOf } from './job-map';
import { QueueName } from './queue-names';

export interface EnqueueOptions {
  /** Deterministic id (see `jobId`) for jobs that must run once. */
  jobId?: string;
  delayMs?: number;
  preset?: JobPreset;
}

/** The one way to put work on a queue: typed by job name, with named option presets. */
@Injectable()
export class QueueService {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<string> {
    const job = await this.queue(queueOf(name)).add(name, payload, {
      ...JOB_PRESETS[options.preset ?? DEFAULT_PRESET[name]],
      ...(options.jobId === undefined ? {} : { jobId: options.jobId }),
      ...(options.delayMs === undefined ? {} : { delay: options.delayMs }),
    });
    return String(job.id);
  }

  /** Several jobs of one name in one round trip; a job whose id exists is skipped, as with `enqueue`. */
  async enqueueMany<N extends JobName>(name: N, jobs: { payload: JobPayload<N>; jobId?: string }[], preset?: JobPreset): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(queueOf(name)).addBulk(
      jobs.map((job) => ({
        name,
        data: job.payload,
        opts: { ...JOB_PRESETS[preset ?? DEFAULT_PRESET[name]], ...(job.jobId === undefined ? {} : { jobId: job.jobId }) },
      })),
    );
  }

  /** Registers (or updates) a repeatable job; safe to call on every boot. */
  async schedule<N extends JobName>(name: N, everyMs: number, payload: JobPayload<N>): Promise<void> {
    await this.queue(queueOf(name)).upsertJobScheduler(name, { every: everyMs }, {
      name,
      data: payload,
      opts: JOB_PRESETS[DEFAULT_PRESET[name]],
    });
  }

  /** Removes a repeatable job an older release registered; a no-op when there is none. */
  async unschedule(name: JobName): Promise<void> {
    await this.queue(queueOf(name)).removeJobScheduler(name);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
