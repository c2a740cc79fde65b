import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { hostname } from 'node:os';
import { JobName, JobPayload, QUEUE_NAMES, SystemStateService } from '@app/core';
import { DealService, DealWebhookService } from '@app/deals';
import { ProgramService } from '@app/mdf';
import { NurtureService } from '@app/nurture';

@Processor(QUEUE_NAMES.default, { concurrency: 4 })
export class DefaultQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(DefaultQueueProcessor.name);

  constructor(
    private readonly state: SystemStateService,
    private readonly nurture: NurtureService,
    private readonly deals: DealService,
    private readonly dealWebhooks: DealWebhookService,
    private readonly mdfPrograms: ProgramService,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    const name = job.name as JobName;
    switch (name) {
      case 'heartbeat':
        await this.state.recordHeartbeat(`${hostname()}:${process.pid}`);
        return;
      case 'nurture-tick':
        await this.nurture.tick();
        return;
      case 'lead-captured':
        await this.nurture.leadCaptured((job.data as JobPayload<'lead-captured'>).leadId);
        return;
      case 'activation-sweep':
        await this.nurture.activationSweep();
        return;
      case 'deal-webhook':
        await this.dealWebhooks.deliver((job.data as JobPayload<'deal-webhook'>).eventId);
        return;
      case 'deal-expiry-sweep':
        await this.deals.expireDue();
        return;
      case 'mdf-expiry-sweep':
        await this.mdfPrograms.expirySweep();
        return;
      case 'send-mail':
      case 'auto-launch':
      case 'dispatch-mail':
      case 'send-messages':
      case 'expand-blasts':
        this.logger.warn(`job ${name} arrived on the wrong queue`);
        return;
    }
  }
}
