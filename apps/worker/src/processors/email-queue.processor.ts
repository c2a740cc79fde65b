import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, JobPayload, MailService, QUEUE_NAMES } from '@app/core';
import { BatchSummary, MessageSender } from '@app/mailing';

/**
 * The email queue: system mail (`send-mail`), the dispatcher sweep and the batch sends of
 * campaign and nurture messages. Retries (with backoff) come from each job's preset.
 */
@Processor(QUEUE_NAMES.email, { concurrency: 8 })
export class EmailQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(EmailQueueProcessor.name);

  constructor(
    private readonly mail: MailService,
    private readonly sender: MessageSender,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    switch (name) {
      case 'send-mail': {
        const { reference, ...message } = job.data as JobPayload<'send-mail'>;
        const messageId = await this.mail.send(message);
        this.logger.log(`sent ${reference} as ${messageId}`);
        return { messageId };
      }
      case 'dispatch-mail':
        return { dispatched: (await this.sender.dispatchDue()).length };
      case 'send-messages': {
        const summary: BatchSummary = await this.sender.sendBatch((job.data as JobPayload<'send-messages'>).dispatchId);
        // Keep a backlog moving without waiting for the next sweep.
        if (summary.sent + summary.deferred + summary.retrying > 0) await this.sender.dispatchDue();
        return summary;
      }
      case 'heartbeat':
      case 'auto-launch':
      case 'expand-blasts':
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
