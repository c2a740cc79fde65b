import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobOutbox, MailService, PlatformMail, QUEUE_NAMES, QueueHandlers, runQueueJob } from '@app/core';
import { MessageSender } from '@app/mailing';

/**
 * The email queue: platform mail (`send-mail`, relayed from the job outbox),
 * the dispatcher sweep and the batch sends of campaign and nurture messages. Retries (with backoff)
 * come from each job's preset.
 */
@Processor(QUEUE_NAMES.email, { concurrency: 8 })
export class EmailQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(EmailQueueProcessor.name);
  private readonly handlers: QueueHandlers<typeof QUEUE_NAMES.email>;

  constructor(mail: MailService, platformMail: PlatformMail, jobs: JobOutbox, sender: MessageSender) {
    super();
    this.handlers = {
      'send-mail': async (job) => {
        if ('outboxId' in job) return { messageId: await platformMail.deliver(job.outboxId) };
        // A job an older release enqueued with the message in its payload.
        const { reference, ...message } = job;
        const messageId = await mail.send(message);
        this.logger.log(`sent ${reference} as ${messageId}`);
        return { messageId };
      },
      // A run an older release scheduled before its scheduler was removed at worker start.
      'relay-platform-mail': async () => ({ relayed: await jobs.relay() }),
      'dispatch-mail': async () => ({ dispatched: (await sender.dispatchDue()).length }),
      'send-messages': async ({ dispatchId }) => {
        const summary = await sender.sendBatch(dispatchId);
        // Keep a backlog moving without waiting for the next sweep.
        if (summary.sent + summary.deferred + summary.retrying > 0) await sender.dispatchDue();
        return summary;
      },
    };
  }

  async process(job: Job): Promise<unknown> {
    return runQueueJob(this.handlers, job, (message) => this.logger.warn(message));
  }
}
