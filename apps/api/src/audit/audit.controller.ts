import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditRecord, AuditService } from '@app/core';
import { Can } from '../auth/auth.decorators';

export class AuditQuery {
  @ApiProperty({ example: 'mdf_claim' })
  @Matches(/^[a-z][a-z_]{1,49}$/, { message: 'entityType must be lower-case letters and underscores' })
  entityType!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor is not a cursor this list returned' })
  cursor?: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditRecord] }) items!: AuditRecord[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** The audit log: who changed what, with before and after, for vendor admins and finance. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Can('read-audit-log')
  @Get()
  @ApiOkResponse({ type: AuditPage, description: 'events of one entity type (and entity), oldest first' })
  async list(@Query() query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? 100;
    const rows = await this.audit.list({ entityType: query.entityType, entityId: query.entityId, afterId: query.cursor, limit: limit + 1 });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
