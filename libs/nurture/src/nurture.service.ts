import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { MessageOutbox, SendGuards } from '@app/mailing';
import { ActivationRepository } from './activation.repository';
import { ACTIVATION_PROGRAM_KEY, ActivationProgramService } from './activation-program.service';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';
import { NurtureScheduler } from './nurture-scheduler.service';

/** `Acme.example`, `https://www.acme.example/x` → `acme.example`; null when it is not a domain. */
export function companyDomain(value: string): string | null {
  const host = value.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').split(/[/?#]/)[0]!.replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host) ? host : null;
}

/**
 * The nurture lib's entry points for jobs and for other libs: the tick, lead capture, the
 * activation sweep, and a registered deal. Registers the send guard that stops messages of ended
 * enrolments and holds those of paused sequences.
 */
@Injectable()
export class NurtureService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: NurtureScheduler,
    private readonly enrolmentService: EnrolmentService,
    private readonly enrolments: EnrolmentRepository,
    private readonly activation: ActivationRepository,
    private readonly program: ActivationProgramService,
    private readonly outbox: MessageOutbox,
    private readonly guards: SendGuards,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.guards.register('nurture', (rows, manager) => this.scheduler.guard(rows, manager));
  }

  /** `nurture-tick`: runs every due step. */
  tick(): Promise<{ processed: number; messages: number; exited: number }> {
    return this.scheduler.tick();
  }

  /** `lead-captured`: enrols the lead in its kit's published sequences (with consent). */
  leadCaptured(leadId: string): Promise<number> {
    return this.enrolmentService.enrolLead(leadId);
  }

  /** `activation-sweep`: enrols partners 45 days past signing without a deal in the activation program. */
  activationSweep(): Promise<number> {
    return this.program.sweep();
  }

  /**
   * A partner registered a deal: its contacts at the deal's company domain leave the sequences that
   * exit on deals, and its admins leave the activation program (which never enrols it afterwards).
   */
  async dealRegistered(deal: { partnerId: string; companyDomain: string | null }): Promise<{ contacts: number; program: number }> {
    const domain = deal.companyDomain ? companyDomain(deal.companyDomain) : null;
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await this.activation.recordDeal(manager, deal.partnerId, now);
      const program = await this.enrolments.exit(manager, { partnerId: deal.partnerId, sequenceKey: ACTIVATION_PROGRAM_KEY }, 'deal_registered', now);
      const contacts = domain ? await this.enrolments.exit(manager, { partnerId: deal.partnerId, emailDomain: domain }, 'deal_registered', now) : [];
      for (const enrolmentId of [...program, ...contacts]) await this.outbox.cancel({ enrolmentId }, 'enrolment exited: deal_registered', manager);
      return { contacts: contacts.length, program: program.length };
    });
  }
}
