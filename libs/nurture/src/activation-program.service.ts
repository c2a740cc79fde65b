import { Inject, Injectable, Logger } from '@nestjs/common';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { readTemplateFolder, TemplateService } from '@app/brand';
import { APP_CONFIG, AppConfig, Clock, Principal, UserRepository } from '@app/core';
import { PartnerService, SignedPartner } from '@app/partners';
import { ActivationRepository } from './activation.repository';
import { EnrolmentRepository } from './enrolment.repository';
import { Sequence } from './nurture.types';
import { SequenceRepository } from './sequence.repository';
import { SequenceService } from './sequence.service';
import { SequenceStep } from './sequence-steps';

/** The well-known key of the built-in program (the vendor may edit it; it is never deleted). */
export const ACTIVATION_PROGRAM_KEY = 'partner-activation';
export const ACTIVATION_TEMPLATE_KEY = 'partner-activation';
/** A partner with no registered deal this many days after signing enters the program. */
export const ACTIVATION_AFTER_DAYS = 45;
const SWEEP_BATCH = 200;

/**
 * The vendor's activation program for partners themselves: a partner signed 45 days ago without a
 * registered deal gets its active admins enrolled (once); the program stops at its first deal.
 */
@Injectable()
export class ActivationProgramService {
  private readonly logger = new Logger(ActivationProgramService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sequences: SequenceRepository,
    private readonly sequenceService: SequenceService,
    private readonly enrolments: EnrolmentRepository,
    private readonly activation: ActivationRepository,
    private readonly partners: PartnerService,
    private readonly users: UserRepository,
    private readonly templates: TemplateService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The program's sequence, created and published on first use with its email template (from
   * templates/programs/). Null until there is a vendor admin to publish the template as.
   */
  async ensureProgram(): Promise<Sequence | null> {
    const existing = await this.sequences.findByKey(ACTIVATION_PROGRAM_KEY);
    if (existing?.currentVersionId) return existing;
    const templateId = existing ? null : await this.ensureTemplate();
    if (!existing && !templateId) return null;
    let sequence = existing;
    if (!sequence) {
      const steps: SequenceStep[] = [
        { type: 'email', templateId: templateId! },
        { type: 'wait', days: 7 },
        // Whoever clicked through is on their way: only the others get the reminder.
        { type: 'branch', on: { step: 0, event: 'clicked' }, then: 4, else: 3 },
        { type: 'email', templateId: templateId! },
        { type: 'exit' },
      ];
      await this.sequences.insert(
        { key: ACTIVATION_PROGRAM_KEY, kitId: null, audience: 'partner_users', name: 'Partner activation', steps, quietHours: { start: '19:00', end: '08:00' }, exitOn: ['replied', 'deal_registered'], createdBy: null },
        this.clock.now(),
      );
      sequence = await this.sequences.findByKey(ACTIVATION_PROGRAM_KEY);
    }
    const { sequence: published } = await this.sequenceService.publish(null, sequence!.id);
    this.logger.log('activation program published');
    return published;
  }

  /** Enrols the admins of every partner that became due; returns how many partners it enrolled. */
  async sweep(): Promise<number> {
    const program = await this.ensureProgram();
    if (!program?.currentVersionId) return 0;
    const now = this.clock.now();
    const signedBy = new Date(now.getTime() - ACTIVATION_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
    let enrolled = 0;
    let after: SignedPartner | null = null;
    for (;;) {
      // Signed partners in signing order, less those the program has already seen.
      const page: SignedPartner[] = await this.partners.signedBy(signedBy, after, SWEEP_BATCH);
      const known = await this.activation.known(page.map((p) => p.id));
      for (const { id: partnerId } of page.filter((p) => !known.has(p.id))) {
        await this.dataSource.transaction(async (manager) => {
          if (!(await this.activation.claim(manager, partnerId, now))) return;
          const locked = (await this.sequences.find(program.id, manager, 'share'))!;
          const admins = await this.users.activePartnerAdminIds(partnerId, manager);
          await this.enrolments.insertMany(
            manager,
            { sequenceId: locked.id, versionId: locked.currentVersionId!, partnerId, launchId: null, leadId: null, source: 'program', held: locked.status === 'paused', enrolledBy: null, now },
            admins.map((userId) => ({ userId })),
          );
          enrolled += 1;
        });
      }
      if (page.length < SWEEP_BATCH) break;
      after = page[page.length - 1]!;
    }
    if (enrolled > 0) this.logger.log(`activation program: enrolled ${enrolled} partners`);
    return enrolled;
  }

  private async ensureTemplate(): Promise<string | null> {
    const found = await this.templates.findByKey(ACTIVATION_TEMPLATE_KEY);
    if (found) return found.id;
    const admin = await this.users.firstActiveVendorAdmin();
    if (!admin) return null;
    const actor: Principal = { userId: admin.id, email: admin.email, name: admin.name, role: 'vendor_admin', partnerId: null, tokenId: 'activation-program', tokenKind: 'session' };
    const folder = await readTemplateFolder(this.config.templatesDir, path.join(this.config.templatesDir, 'programs', ACTIVATION_TEMPLATE_KEY));
    const { template } = await this.templates.create(actor, folder.content);
    await this.templates.publish(actor, template.id);
    return template.id;
  }
}
