import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { AssetsModule } from '@app/assets';
import { CampaignsModule } from '@app/campaigns';
import { QueueService } from '@app/core';
import { DealsModule } from '@app/deals';
import { MailingModule } from '@app/mailing';
import { MdfModule } from '@app/mdf';
import { NurtureModule } from '@app/nurture';
import { DefaultQueueProcessor } from './processors/default-queue.processor';
import { EmailQueueProcessor } from './processors/email-queue.processor';
import { SyndicationQueueProcessor } from './processors/syndication-queue.processor';

export const HEARTBEAT_EVERY_MS = 30_000;
/** Due messages are claimed at least this often (a busy pipeline refills itself after every batch). */
export const DISPATCH_EVERY_MS = 5_000;
/** Jobs a crash left in the job outbox reach the queue within this (callers relay right after commit). */
export const JOB_RELAY_EVERY_MS = 5_000;
export const EXPAND_BLASTS_EVERY_MS = 10_000;
export const NURTURE_TICK_EVERY_MS = 5_000;
export const ACTIVATION_SWEEP_EVERY_MS = 3_600_000;
export const DEAL_EXPIRY_SWEEP_EVERY_MS = 300_000;
export const MDF_EXPIRY_SWEEP_EVERY_MS = 300_000;
export const ASSET_EXPIRY_SWEEP_EVERY_MS = 60_000;

/** Queue processors and repeatable sweeps. Imported by the worker process, or by the api in `all` mode. */
@Module({ imports: [AssetsModule, CampaignsModule, MailingModule, NurtureModule, DealsModule, MdfModule], providers: [DefaultQueueProcessor, EmailQueueProcessor, SyndicationQueueProcessor] })
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('heartbeat', HEARTBEAT_EVERY_MS, {});
    await this.queues.enqueue('heartbeat', {});
    await this.queues.schedule('dispatch-mail', DISPATCH_EVERY_MS, {});
    // The job outbox's relay took over from the platform-mail-only one.
    await this.queues.unschedule('relay-platform-mail');
    await this.queues.schedule('relay-jobs', JOB_RELAY_EVERY_MS, {});
    // What the last process recorded but did not relay goes on the queue now, not at the first interval.
    await this.queues.enqueue('relay-jobs', {});
    await this.queues.schedule('expand-blasts', EXPAND_BLASTS_EVERY_MS, {});
    await this.queues.schedule('nurture-tick', NURTURE_TICK_EVERY_MS, {});
    await this.queues.schedule('activation-sweep', ACTIVATION_SWEEP_EVERY_MS, {});
    await this.queues.schedule('deal-expiry-sweep', DEAL_EXPIRY_SWEEP_EVERY_MS, {});
    await this.queues.schedule('mdf-expiry-sweep', MDF_EXPIRY_SWEEP_EVERY_MS, {});
    await this.queues.schedule('asset-expiry-sweep', ASSET_EXPIRY_SWEEP_EVERY_MS, {});
  }
}
