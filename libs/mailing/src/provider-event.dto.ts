import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';

export const PROVIDER_EVENT_TYPES = ['delivered', 'bounce', 'complaint', 'reply'] as const;
export type ProviderEventType = (typeof PROVIDER_EVENT_TYPES)[number];
export const MAX_PROVIDER_EVENTS = 500;

export class ProviderBounceDto {
  @ApiProperty({ enum: ['hard', 'soft'], description: 'hard: the address does not exist (suppressed everywhere); soft: a temporary failure (recorded only)' })
  @IsIn(['hard', 'soft'])
  kind!: 'hard' | 'soft';

  @ApiPropertyOptional({ maxLength: 1000, example: '550 5.1.1 user unknown' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  diagnostic?: string;
}

export class ProviderEventDto {
  @ApiProperty({ maxLength: 200, description: "the provider's id of the event; an id already received is ignored", example: 'evt_01HZX3' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  id!: string;

  @ApiProperty({ enum: PROVIDER_EVENT_TYPES })
  @IsIn(PROVIDER_EVENT_TYPES)
  type!: ProviderEventType;

  @ApiProperty({ description: 'the Message-ID header of the message the event is about, angle brackets optional', example: '<0b6f8c1e-3a43-4c55-9f7e-2f1d7f3f0c11@mail.acme-cloud.example>' })
  @IsString()
  @MaxLength(300)
  @Matches(/^<?[^<>\s@]+@[^<>\s@]+>?$/, { message: 'messageId must be a Message-ID such as <id@domain>' })
  messageId!: string;

  @ApiPropertyOptional({ type: ProviderBounceDto, description: 'required when type is bounce' })
  @ValidateIf((event: ProviderEventDto) => event.type === 'bounce' || event.bounce !== undefined)
  @IsDefined({ message: 'bounce is required for a bounce event' })
  @IsObject()
  @ValidateNested()
  @Type(() => ProviderBounceDto)
  bounce?: ProviderBounceDto;

  @ApiPropertyOptional({ description: 'when it happened (ISO 8601); default: when it is received', example: '2025-05-01T09:30:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

export class ProviderEventsDto {
  @ApiProperty({ type: [ProviderEventDto], maxItems: MAX_PROVIDER_EVENTS })
  @IsArray()
  @ArrayMaxSize(MAX_PROVIDER_EVENTS)
  @ValidateNested({ each: true })
  @Type(() => ProviderEventDto)
  events!: ProviderEventDto[];
}

export class ProviderEventsResultView {
  @ApiProperty({ description: 'events applied now' }) accepted!: number;
  @ApiProperty({ description: 'events whose id was already received (ignored)' }) duplicates!: number;
  @ApiProperty({ description: 'events about a Message-ID this platform did not send (ignored)' }) unknown!: number;
}
