import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { hostname } from 'node:os';
import { AssetLifecycleService } from '@app/assets';
import { JobOutbox, PlatformMail, QUEUE_NAMES, QueueHandlers, runQueueJob, SystemStateService } from '@app/core';
import { DealService, DealWebhookService } from '@app/deals';
import { ProgramService } from '@app/mdf';
import { NurtureService } from '@app/nurture';

/**
 * The default queue: heartbeat, the job outbox relay, nurture tick and enrolment on lead capture,
 * nurture exits on deal registration, deal, MDF and asset expiry sweeps, deal webhooks.
 */
@Processor(QUEUE_NAMES.default, { concurrency: 4 })
export class DefaultQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(DefaultQueueProcessor.name);
  private readonly handlers: QueueHandlers<typeof QUEUE_NAMES.default>;

  constructor(
    state: SystemStateService,
    jobs: JobOutbox,
    platformMail: PlatformMail,
    nurture: NurtureService,
    deals: DealService,
    dealWebhooks: DealWebhookService,
    mdfPrograms: ProgramService,
    assets: AssetLifecycleService,
  ) {
    super();
    this.handlers = {
      heartbeat: () => state.recordHeartbeat(`${hostname()}:${process.pid}`),
      'relay-jobs': async () => ({ relayed: await jobs.relay(), pruned: (await jobs.prune()) + (await platformMail.prune()) }),
      'nurture-tick': () => nurture.tick(),
      'lead-captured': ({ leadId }) => nurture.leadCaptured(leadId),
      'activation-sweep': () => nurture.activationSweep(),
      'deal-webhook': ({ eventId }) => dealWebhooks.deliver(eventId),
      'deal-registered': ({ partnerId, companyDomain }) => nurture.dealRegistered({ partnerId, companyDomain }),
      'deal-expiry-sweep': () => deals.expireDue(),
      'mdf-expiry-sweep': () => mdfPrograms.expirySweep(),
      'asset-expiry-sweep': () => assets.sweep(),
      'asset-changed': ({ assetIds }) => assets.reconcile(assetIds),
    };
  }

  async process(job: Job): Promise<unknown> {
    return runQueueJob(this.handlers, job, (message) => this.logger.warn(message));
  }
}
