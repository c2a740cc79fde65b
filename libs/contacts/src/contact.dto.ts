import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { PageQuery } from '@app/core';
import { canonicalTimeZone, CONSENT_STATUSES, ConsentStatus, FIELD_MAX_LENGTH, isCountryCode } from './contact-fields';
import { ContactEntity } from './contact.entity';
import { ContactImportEntity, ContactImportRowEntity } from './contact-import.entity';

const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

@ValidatorConstraint({ name: 'timeZone' })
export class IsTimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && canonicalTimeZone(value) === value;
  }
  defaultMessage(): string {
    return 'must be an IANA time zone such as Europe/Berlin';
  }
}

@ValidatorConstraint({ name: 'country' })
export class IsCountryConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isCountryCode(value);
  }
  defaultMessage(): string {
    return 'must be an ISO 3166-1 alpha-2 code such as DE';
  }
}

export class ListContactsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'matches email, name or company (case-insensitive, contains)', maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

export class UpdateContactDto {
  @ApiPropertyOptional({ maxLength: FIELD_MAX_LENGTH.email })
  @IsOptional()
  @Trim()
  @IsEmail()
  @MaxLength(FIELD_MAX_LENGTH.email)
  email?: string;

  @ApiPropertyOptional({ nullable: true, maxLength: FIELD_MAX_LENGTH.firstName })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_MAX_LENGTH.firstName)
  firstName?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: FIELD_MAX_LENGTH.lastName })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_MAX_LENGTH.lastName)
  lastName?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: FIELD_MAX_LENGTH.company })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_MAX_LENGTH.company)
  company?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: FIELD_MAX_LENGTH.title })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_MAX_LENGTH.title)
  title?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'DE' })
  @IsOptional()
  @Validate(IsCountryConstraint)
  country?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Europe/Berlin' })
  @IsOptional()
  @Validate(IsTimeZoneConstraint)
  timeZone?: string | null;

  @ApiPropertyOptional({ enum: CONSENT_STATUSES })
  @IsOptional()
  @IsIn(CONSENT_STATUSES)
  consentStatus?: ConsentStatus;

  @ApiPropertyOptional({ nullable: true, maxLength: FIELD_MAX_LENGTH.consentSource })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_MAX_LENGTH.consentSource)
  consentSource?: string | null;
}

export class ContactView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'as given; dedupe uses the trimmed, lower-cased form' }) email!: string;
  @ApiProperty({ nullable: true, type: String }) firstName!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'stored verbatim: may start with = + - @' }) company!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) country!: string | null;
  @ApiProperty({ nullable: true, type: String }) timeZone!: string | null;
  @ApiProperty({ enum: CONSENT_STATUSES }) consentStatus!: ConsentStatus;
  @ApiProperty({ nullable: true, type: String }) consentSource!: string | null;
  @ApiProperty() origin!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(c: ContactEntity): ContactView {
    return {
      id: c.id,
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      company: c.company,
      title: c.title,
      country: c.country,
      timeZone: c.timeZone,
      consentStatus: c.consentStatus,
      consentSource: c.consentSource,
      origin: c.origin,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

export class ContactPageView {
  @ApiProperty({ type: [ContactView] }) items!: ContactView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ImportRowErrorView {
  @ApiProperty({ example: 'INVALID_EMAIL' }) code!: string;
  @ApiProperty({ nullable: true, type: String, example: 'email' }) field!: string | null;
  @ApiProperty() message!: string;
}

export class ImportRowView {
  @ApiProperty({ description: 'row number as a spreadsheet shows it (the header is row 1)' }) row!: number;
  @ApiProperty({ enum: ['imported', 'updated', 'rejected'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactId!: string | null;
  @ApiProperty({ type: [ImportRowErrorView] }) errors!: ImportRowErrorView[];

  static of(r: ContactImportRowEntity): ImportRowView {
    return { row: r.rowNumber, outcome: r.outcome, email: r.email, contactId: r.contactId, errors: r.errors };
  }
}

export class ImportSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['processing', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty({ description: 'data rows in the file (blank lines not counted)' }) totalRows!: number;
  @ApiProperty() imported!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [String], description: 'header columns that were not recognised and were ignored' }) ignoredColumns!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;

  static of(i: ContactImportEntity): ImportSummaryView {
    return {
      id: i.id,
      status: i.status,
      fileName: i.fileName,
      totalRows: i.totalRows,
      imported: i.imported,
      updated: i.updated,
      rejected: i.rejected,
      ignoredColumns: i.ignoredColumns,
      createdAt: i.createdAt.toISOString(),
      completedAt: i.completedAt?.toISOString() ?? null,
    };
  }
}

export class ImportCreatedView extends ImportSummaryView {
  @ApiProperty({ type: [ImportRowView], description: 'the first rejected rows (up to 100); the full report is at GET /contacts/imports/:id' })
  firstRejected!: ImportRowView[];
}

export class ImportReportView extends ImportSummaryView {
  @ApiProperty({ type: [ImportRowView] }) rows!: ImportRowView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** The report's rows page like every list (`limit` defaults to 100 here). */
export class ImportReportQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['imported', 'updated', 'rejected'] })
  @IsOptional()
  @IsIn(['rejected'])
  outcome?: 'rejected';
}
