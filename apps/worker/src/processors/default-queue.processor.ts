import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { hostname } from 'node:os';
import { JobName, QUEUE_NAMES, SystemStateService } from '@app/core';

@Processor(QUEUE_NAMES.default, { concurrency: 4 })
export class DefaultQueueProcessor extends WorkerHost {
  private readonly logger = new Logger(DefaultQueueProcessor.name);

  constructor(private readonly state: SystemStateService) {
    super();
  }

  async process(job: Job): Promise<void> {
    const name = job.name as JobName;
    switch (name) {
      case 'heartbeat':
        await this.state.recordHeartbeat(`${hostname()}:${process.pid}`);
        return;
      case 'send-mail':
      case 'auto-launch':
        this.logger.warn(`job ${name} arrived on the wrong queue`);
        return;
    }
  }
}
