import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { LaunchService } from '@app/campaigns';
import { JobPayload, QUEUE_NAMES } from '@app/core';

/** Auto-launches. The job id (auto-launch.<version>.<partner>) and the launch's idempotency key make each run once. */
@Processor(QUEUE_NAMES.syndication, { concurrency: 2 })
export class SyndicationQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(SyndicationQueueProcessor.name);

  constructor(private readonly launches: LaunchService) {
    super();
  }

  async process(job: Job<JobPayload<'auto-launch'>>): Promise<{ launchId: string | null }> {
    const launch = await this.launches.autoLaunch(job.data.kitVersionId, job.data.partnerId);
    if (launch) this.logger.log(`auto-launched ${launch.id} for partner ${job.data.partnerId}`);
    return { launchId: launch?.id ?? null };
  }
}
