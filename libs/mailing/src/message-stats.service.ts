import { Injectable } from '@nestjs/common';
import { MessageKind } from './message.types';
import { MessageOutcomeCounts, MessageStatsRepository } from './message-stats.repository';

/** Counts of the messages sent for launches, for campaign results and blast bookkeeping. */
@Injectable()
export class MessageStatsService {
  constructor(private readonly stats: MessageStatsRepository) {}

  /** How many messages of a kind a launch has (its blast, say). */
  countOfLaunch(launchId: string, kind: MessageKind): Promise<number> {
    return this.stats.countOfLaunch(launchId, kind);
  }

  /** The messages of these launches by outcome (one aggregate). */
  outcomesOfLaunches(launchIds: string[]): Promise<MessageOutcomeCounts> {
    return this.stats.outcomesOfLaunches(launchIds);
  }
}
