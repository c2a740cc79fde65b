import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { BlastService, LaunchService } from '@app/campaigns';
import { QUEUE_NAMES, QueueHandlers, runQueueJob } from '@app/core';

/**
 * Auto-launches (the job id auto-launch.<version>.<partner> and the launch's idempotency key make
 * each run once) and the blast sweep, which turns due launch blasts into messages.
 */
@Processor(QUEUE_NAMES.syndication, { concurrency: 2 })
export class SyndicationQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(SyndicationQueueProcessor.name);
  private readonly handlers: QueueHandlers<typeof QUEUE_NAMES.syndication>;

  constructor(launches: LaunchService, blasts: BlastService) {
    super();
    this.handlers = {
      'auto-launch': async ({ kitVersionId, partnerId }) => {
        const launch = await launches.autoLaunch(kitVersionId, partnerId);
        if (launch) this.logger.log(`auto-launched ${launch.id} for partner ${partnerId}`);
        return { launchId: launch?.id ?? null };
      },
      'expand-blasts': async () => ({ messages: await blasts.expandDue() }),
    };
  }

  async process(job: Job): Promise<unknown> {
    return runQueueJob(this.handlers, job, (message) => this.logger.warn(message));
  }
}
