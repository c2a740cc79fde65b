import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobPayload, MailService, QUEUE_NAMES } from '@app/core';

/** Delivers queued mail. Retries (with backoff) come from the job's preset. */
@Processor(QUEUE_NAMES.email, { concurrency: 8 })
export class EmailQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(EmailQueueProcessor.name);

  constructor(private readonly mail: MailService) {
    super();
  }

  async process(job: Job<JobPayload<'send-mail'>>): Promise<{ messageId: string }> {
    const { reference, ...message } = job.data;
    const messageId = await this.mail.send(message);
    this.logger.log(`sent ${reference} as ${messageId}`);
    return { messageId };
  }
}
