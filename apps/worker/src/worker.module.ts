import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { CampaignsModule } from '@app/campaigns';
import { QueueService } from '@app/core';
import { DefaultQueueProcessor } from './processors/default-queue.processor';
import { EmailQueueProcessor } from './processors/email-queue.processor';
import { SyndicationQueueProcessor } from './processors/syndication-queue.processor';

export const HEARTBEAT_EVERY_MS = 30_000;

/** Queue processors and repeatable sweeps. Imported by the worker process, or by the api in `all` mode. */
@Module({ imports: [CampaignsModule], providers: [DefaultQueueProcessor, EmailQueueProcessor, SyndicationQueueProcessor] })
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('heartbeat', HEARTBEAT_EVERY_MS, {});
    await this.queues.enqueue('heartbeat', {});
  }
}
