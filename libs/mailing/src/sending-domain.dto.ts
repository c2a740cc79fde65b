import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** A host name of two or more labels with a non-numeric top label, as stored (lower case, no trailing dot). */
export const DOMAIN_PATTERN = /^(?=.{1,253}$)(?!.*\.[0-9]+$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
export const LOCAL_PART_PATTERN = /^[a-z0-9][a-z0-9._+-]{0,63}$/;
export const DKIM_SELECTOR_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Trimmed and lower-cased before validation; a domain also loses a trailing dot. */
const Lower = (options: { trailingDot?: boolean } = {}) =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const lower = value.trim().toLowerCase();
    return options.trailingDot ? lower.replace(/\.$/, '') : lower;
  });

export class CreateSendingDomainDto {
  @ApiProperty({ example: 'mail.northwind-it.example', description: 'a domain the partner controls; case-insensitive' })
  @Lower({ trailingDot: true })
  @IsString()
  @Matches(DOMAIN_PATTERN, { message: 'domain must be a domain name such as mail.example.com' })
  domain!: string;

  @ApiPropertyOptional({ example: 'marketing', default: 'marketing', description: 'the part before the @ of the From address' })
  @IsOptional()
  @Lower()
  @IsString()
  @Matches(LOCAL_PART_PATTERN, { message: 'fromLocalPart must be 1-64 letters, digits or . _ + - starting with a letter or digit' })
  fromLocalPart?: string;
}

export class SetDkimKeyDto {
  @ApiProperty({ example: 'ck2025', description: 'the DKIM selector: the key is published at <selector>._domainkey.<domain>' })
  @Lower()
  @IsString()
  @Matches(DKIM_SELECTOR_PATTERN, { message: 'selector must be 1-63 letters, digits or hyphens starting with a letter or digit' })
  selector!: string;

  @ApiProperty({ description: 'PEM private key (RSA, at least 1024 bits; 2048 recommended). Stored for signing, never returned.' })
  @IsString()
  @MaxLength(10_000)
  privateKey!: string;
}

export class DnsRecordView {
  @ApiProperty({ enum: ['TXT'] }) type!: 'TXT';
  @ApiProperty({ example: '_channelkit.mail.northwind-it.example' }) name!: string;
  @ApiProperty({ example: 'channelkit-verification=3f1c…' }) value!: string;
}

export class SendingDomainView {
  @ApiProperty() id!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() domain!: string;
  @ApiProperty() fromLocalPart!: string;
  @ApiProperty({ example: 'marketing@mail.northwind-it.example' }) fromAddress!: string;
  @ApiProperty({ description: 'verified domains are used as the partner’s From address (the first verified one)' }) verified!: boolean;
  @ApiProperty({ nullable: true, type: String }) verifiedAt!: string | null;
  @ApiProperty({ type: DnsRecordView, description: 'the TXT record to create before asking for verification' }) verificationRecord!: DnsRecordView;
  @ApiProperty() dkimConfigured!: boolean;
  @ApiProperty({ nullable: true, type: String }) dkimSelector!: string | null;
  @ApiProperty({ nullable: true, type: DnsRecordView, description: 'the DKIM public key record to publish, once a key is set' }) dkimRecord!: DnsRecordView | null;
  @ApiProperty() createdAt!: string;
}
