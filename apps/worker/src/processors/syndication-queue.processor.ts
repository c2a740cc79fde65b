import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { BlastService, LaunchService } from '@app/campaigns';
import { JobName, JobPayload, QUEUE_NAMES } from '@app/core';

/**
 * Auto-launches (the job id auto-launch.<version>.<partner> and the launch's idempotency key make
 * each run once) and the blast sweep, which turns due launch blasts into messages.
 */
@Processor(QUEUE_NAMES.syndication, { concurrency: 2 })
export class SyndicationQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(SyndicationQueueProcessor.name);

  constructor(
    private readonly launches: LaunchService,
    private readonly blasts: BlastService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    switch (name) {
      case 'auto-launch': {
        const data = job.data as JobPayload<'auto-launch'>;
        const launch = await this.launches.autoLaunch(data.kitVersionId, data.partnerId);
        if (launch) this.logger.log(`auto-launched ${launch.id} for partner ${data.partnerId}`);
        return { launchId: launch?.id ?? null };
      }
      case 'expand-blasts':
        return { messages: await this.blasts.expandDue() };
      case 'heartbeat':
      case 'send-mail':
      case 'dispatch-mail':
      case 'send-messages':
      case 'nurture-tick':
      case 'lead-captured':
      case 'activation-sweep':
      case 'deal-webhook':
      case 'deal-expiry-sweep':
      case 'mdf-expiry-sweep':
        this.logger.warn(`job ${name} arrived on the wrong queue`);
        return null;
    }
  }
}
