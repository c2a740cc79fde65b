import { Injectable } from '@nestjs/common';
import { SendGuard } from './message.types';

/**
 * Checks other libs register (campaigns: paused or ended launch; nurture: exited enrolment, paused
 * sequence) without the sending path depending on them. Registered in their `onModuleInit`.
 */
@Injectable()
export class SendGuards {
  private readonly guards = new Map<string, SendGuard>();

  register(name: string, guard: SendGuard): void {
    this.guards.set(name, guard);
  }

  all(): SendGuard[] {
    return [...this.guards.values()];
  }
}
