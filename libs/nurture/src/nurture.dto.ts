import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQuery, PARTNER_ROLES, PartnerRole } from '@app/core';
import { ENROL_LIMITS, EnrolmentMessage } from './enrolment.service';
import { Enrolment, EnrolResult } from './nurture.types';
import { EXIT_CRITERIA, ExitCriterion, MAX_STEPS } from './sequence-steps';
import { SequenceWithVersion } from './sequence.service';

const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

const STEPS_DOC: ApiPropertyOptions = {
  type: [Object],
  description:
    'ordered steps (0-based): {type:"email", templateId} | {type:"wait", days?, hours?, minutes?} | {type:"wait", until:{time:"HH:MM", weekdays?:["mon",…]}} ' +
    '(local to the contact, else the partner) | {type:"branch", on:{step, event:"opened"|"clicked"|"not_engaged"}, then, else} (later steps only) | {type:"exit"}',
  example: [{ type: 'email', templateId: '<uuid>' }, { type: 'wait', until: { time: '09:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] } }, { type: 'email', templateId: '<uuid>' }],
};

export class QuietHoursDto {
  @ApiProperty({ example: '20:00' }) start!: string;
  @ApiProperty({ example: '08:00' }) end!: string;
}

export class CreateSequenceDto {
  @ApiProperty({ maxLength: 120 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional({ description: 'the campaign kit the sequence belongs to; none: the vendor’s own program to partner users' })
  @IsOptional()
  @IsUUID()
  kitId?: string;

  @ApiProperty({ ...STEPS_DOC, maxItems: MAX_STEPS })
  @IsArray()
  @ArrayMaxSize(MAX_STEPS)
  @IsObject({ each: true })
  steps!: Record<string, unknown>[];

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'local hours when no email goes out (an email due then waits for their end)' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  quietHours?: Record<string, unknown> | null;

  @ApiPropertyOptional({ enum: EXIT_CRITERIA, isArray: true, description: 'default: all; unsubscribes, bounces and complaints always end an enrolment' })
  @IsOptional()
  @IsArray()
  @IsIn(EXIT_CRITERIA, { each: true })
  exitOn?: ExitCriterion[];
}

export class UpdateSequenceDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ ...STEPS_DOC, maxItems: MAX_STEPS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_STEPS)
  @IsObject({ each: true })
  steps?: Record<string, unknown>[];

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  quietHours?: Record<string, unknown> | null;

  @ApiPropertyOptional({ enum: EXIT_CRITERIA, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(EXIT_CRITERIA, { each: true })
  exitOn?: ExitCriterion[];
}

export class ListSequencesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  kitId?: string;
}

/**
 * Partners enrol their contacts into a kit sequence (`contactIds` and/or `audienceId`); vendors
 * enrol partner users into a partner-facing sequence (exactly one of `userIds`, `partnerIds`, `tierIds`).
 */
export class EnrolDto {
  @ApiPropertyOptional({ type: [String], maxItems: ENROL_LIMITS.contactIds, description: 'partners: your contacts to enrol' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ENROL_LIMITS.contactIds)
  @IsUUID('all', { each: true })
  contactIds?: string[];

  @ApiPropertyOptional({ description: 'partners: a saved audience; its sendable contacts are enrolled' })
  @IsOptional()
  @IsUUID()
  audienceId?: string;

  @ApiPropertyOptional({ type: [String], maxItems: ENROL_LIMITS.userIds, description: 'vendors, partner-facing sequences: active partner users to enrol' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ENROL_LIMITS.userIds)
  @IsUUID('all', { each: true })
  userIds?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: ENROL_LIMITS.partnerIds, description: 'vendors, partner-facing sequences: each partner’s active users of `roles` (default its admins)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ENROL_LIMITS.partnerIds)
  @IsUUID('all', { each: true })
  partnerIds?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: ENROL_LIMITS.tierIds, description: 'vendors, partner-facing sequences: the active users of `roles` of every partner in the tiers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ENROL_LIMITS.tierIds)
  @IsUUID('all', { each: true })
  tierIds?: string[];

  @ApiPropertyOptional({ enum: PARTNER_ROLES, isArray: true, description: 'with partnerIds or tierIds; default ["partner_admin"], both roles: every active partner user' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PARTNER_ROLES.length)
  @IsIn(PARTNER_ROLES, { each: true })
  roles?: PartnerRole[];
}

export class ListEnrolmentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'required for vendors: a partner-facing sequence' })
  @IsOptional()
  @IsUUID()
  sequenceId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @ApiPropertyOptional({ description: 'a partner user (partner-facing sequences)' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ enum: ['active', 'completed', 'exited'] })
  @IsOptional()
  @IsIn(['active', 'completed', 'exited'])
  status?: 'active' | 'completed' | 'exited';
}

export class SequenceVersionView {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [Object], description: 'email steps carry the frozen templateVersionId' }) steps!: object[];
  @ApiProperty({ type: QuietHoursDto, nullable: true }) quietHours!: object | null;
  @ApiProperty({ type: [String] }) exitOn!: string[];
  @ApiProperty() publishedAt!: string;
}

export class SequenceView {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'built-in programs only' }) key!: string | null;
  @ApiProperty({ nullable: true, type: String }) kitId!: string | null;
  @ApiProperty({ enum: ['contacts', 'partner_users'] }) audience!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['draft', 'active', 'paused'] }) status!: string;
  @ApiPropertyOptional({ type: [Object], description: 'vendors: the draft the next publish freezes' }) draftSteps?: object[];
  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true }) draftQuietHours?: object | null;
  @ApiPropertyOptional({ type: [String] }) draftExitOn?: string[];
  @ApiProperty({ type: SequenceVersionView, nullable: true, description: 'the published version new enrolments start on' }) version!: SequenceVersionView | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of({ sequence, version }: SequenceWithVersion, vendor: boolean): SequenceView {
    return {
      id: sequence.id,
      key: sequence.key,
      kitId: sequence.kitId,
      audience: sequence.audience,
      name: sequence.name,
      status: sequence.status,
      ...(vendor ? { draftSteps: sequence.steps, draftQuietHours: sequence.quietHours, draftExitOn: sequence.exitOn } : {}),
      version: version
        ? { id: version.id, version: version.version, steps: version.steps, quietHours: version.quietHours, exitOn: version.exitOn, publishedAt: version.publishedAt.toISOString() }
        : null,
      createdAt: sequence.createdAt.toISOString(),
      updatedAt: sequence.updatedAt.toISOString(),
    };
  }
}

export class SequencePageView {
  @ApiProperty({ type: [SequenceView] }) items!: SequenceView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class EnrolmentView {
  @ApiProperty() id!: string;
  @ApiProperty() sequenceId!: string;
  @ApiProperty() sequenceVersionId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'kit sequences: the partner’s contact' }) contactId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'partner-facing sequences: the partner user' }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String }) launchId!: string | null;
  @ApiProperty({ enum: ['lead', 'manual', 'audience', 'csv', 'api', 'program'] }) source!: string;
  @ApiProperty({ enum: ['active', 'completed', 'exited'] }) status!: string;
  @ApiProperty({ description: 'the sequence is paused: nothing is sent until it resumes' }) held!: boolean;
  @ApiProperty({ description: 'the next step to run (0-based)' }) stepIndex!: number;
  @ApiProperty({ nullable: true, type: String }) nextStepAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) exitReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) repliedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;

  static of(e: Enrolment): EnrolmentView {
    return {
      id: e.id,
      sequenceId: e.sequenceId,
      sequenceVersionId: e.sequenceVersionId,
      partnerId: e.partnerId,
      contactId: e.contactId,
      userId: e.userId,
      launchId: e.launchId,
      source: e.source,
      status: e.status,
      held: e.held,
      stepIndex: e.stepIndex,
      nextStepAt: e.nextStepAt?.toISOString() ?? null,
      exitReason: e.exitReason,
      repliedAt: e.repliedAt?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
      endedAt: e.endedAt?.toISOString() ?? null,
    };
  }
}

export class EnrolmentPageView {
  @ApiProperty({ type: [EnrolmentView] }) items!: EnrolmentView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class EnrolmentMessageView {
  @ApiProperty() id!: string;
  @ApiProperty() stepIndex!: number;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ type: [Object], description: 'status history, oldest first: { type, at, detail }' }) history!: object[];

  static of(m: EnrolmentMessage): EnrolmentMessageView {
    return { id: m.id, stepIndex: m.stepIndex, status: m.status, sentAt: m.sentAt?.toISOString() ?? null, history: m.history.map((h) => ({ type: h.type, at: new Date(h.at).toISOString(), detail: h.detail })) };
  }
}

export class EnrolmentDetailView extends EnrolmentView {
  @ApiProperty({ type: [EnrolmentMessageView] }) messages!: EnrolmentMessageView[];
}

export class EnrolResultView {
  @ApiProperty({ description: 'the contact id, the address of a CSV row, or the user, partner or tier id' }) ref!: string;
  @ApiPropertyOptional({ description: 'CSV row number (the header is row 1)' }) row?: number;
  @ApiProperty({
    enum: ['enrolled', 'already_enrolled', 'not_found', 'no_consent', 'suppressed', 'inactive', 'no_recipients'],
    description: 'inactive: a user not active, or of an inactive partner; no_recipients: a partner or tier without an active user of the roles',
  })
  outcome!: string;
  @ApiPropertyOptional() enrolmentId?: string;
  @ApiPropertyOptional({ description: 'partner-facing sequences: the user’s partner' }) partnerId?: string;

  static of(r: EnrolResult): EnrolResultView {
    return {
      ref: r.ref,
      ...(r.row !== undefined ? { row: r.row } : {}),
      outcome: r.outcome,
      ...(r.enrolmentId ? { enrolmentId: r.enrolmentId } : {}),
      ...(r.partnerId ? { partnerId: r.partnerId } : {}),
    };
  }
}

export class EnrolReportView {
  @ApiProperty() enrolled!: number;
  @ApiProperty({ type: [EnrolResultView] }) results!: EnrolResultView[];
}
