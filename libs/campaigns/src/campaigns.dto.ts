import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { KitTemplate, KitVersionEntity } from './kit-version.entity';
import { AutoLaunchProgress, KIT_STATUSES, KitDestinationDto, KitEligibilityDto } from './kit.dto';
import { KitEntity, KitStatus } from './kit.entity';
import { KitAssetSummary } from './kit.service';
import { LaunchEntity } from './launch.entity';
import { PageQuery, SLUG_PATTERN } from '@app/core';

export class ListKitsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KIT_STATUSES, description: 'partners see published kits only' })
  @IsOptional()
  @IsIn(KIT_STATUSES)
  status?: KitStatus;

  @ApiPropertyOptional({ description: 'name, slug or category contains (case-insensitive)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class LaunchDto {
  @ApiPropertyOptional({ description: 'vendors (concierge): the partner to launch for; partner users always launch for themselves' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description: 'template id → { field key: value }',
    example: { '<templateId>': { headline: 'Back up everything' } },
  })
  @IsOptional()
  @IsObject()
  edits?: Record<string, Record<string, unknown>>;

  @ApiPropertyOptional({ description: 'the audience to email (sending is scheduled with the launch)' })
  @IsOptional()
  @IsUUID()
  audienceId?: string;

  @ApiPropertyOptional({
    description: 'when to send the email: an ISO 8601 time with an offset, or a local time without one (2026-12-01T09:00), read in the partner time zone; default now',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  sendAt?: string;

  @ApiPropertyOptional({ description: "which of the kit's email templates the blast sends; default the kit's first" })
  @IsOptional()
  @IsUUID()
  emailTemplateId?: string;
}

export class AutoLaunchDto {
  @ApiProperty({ type: [String], example: ['product-launch'] })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SLUG_PATTERN, { each: true, message: 'each category must be lower-case letters and digits separated by hyphens' })
  categories!: string[];
}

export class KitVersionView {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() objective!: string;
  @ApiProperty({ type: [KitTemplate] }) templates!: KitTemplate[];
  @ApiProperty({ type: [KitDestinationDto], description: 'each with a key and label, and either url or assetId (a library asset)' }) destinations!: KitDestinationDto[];
  @ApiProperty({ type: [String], description: "the kit's own library assets" }) assetIds!: string[];
  @ApiProperty({ type: KitEligibilityDto, description: 'named partners, or partners matching the tiers and regions (none given: every partner)' }) eligibility!: KitEligibilityDto;
  @ApiProperty({ nullable: true, type: String }) startsAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;

  static of(v: KitVersionEntity): KitVersionView {
    return {
      id: v.id,
      version: v.version,
      status: v.status,
      name: v.name,
      description: v.description,
      objective: v.objective,
      templates: v.templates,
      destinations: v.destinations,
      assetIds: v.assetIds ?? [],
      eligibility: v.eligibility,
      startsAt: v.startsAt?.toISOString() ?? null,
      endsAt: v.endsAt?.toISOString() ?? null,
      publishedAt: v.publishedAt?.toISOString() ?? null,
    };
  }
}

export class KitAssetView {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ enum: ['live', 'replaced', 'withdrawn', 'unknown'] }) state!: string;
}

export class KitAssetSuccessorView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
}

export class KitAssetIssueView {
  @ApiProperty() assetId!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ enum: ['withdrawn', 'replaced', 'unknown'] }) state!: string;
  @ApiProperty({ description: 'withdrawn (or unknown) assets block launches; a replaced one is served by its successor' }) blocking!: boolean;
  @ApiProperty({ nullable: true, type: KitAssetSuccessorView, description: 'replaced: the asset standing in' }) successor!: KitAssetSuccessorView | null;
  @ApiProperty({ type: [String], description: 'the kit fields that refer to it (assetIds[0], destinations[1].assetId, templateIds[2])' }) fields!: string[];
}

export class KitView {
  @ApiProperty() id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status!: string;
  @ApiProperty({ type: KitVersionView, description: 'vendors: the latest version (the draft when there is one); partners: the published one' }) version!: KitVersionView;
  @ApiProperty({ type: Number, nullable: true, description: 'the newest published version; null before the first publish' }) publishedVersion!: number | null;
  @ApiPropertyOptional({ type: AutoLaunchProgress, description: 'vendors, detail and publish: auto-launch progress (n of N)' }) autoLaunch?: AutoLaunchProgress;
  @ApiPropertyOptional({ type: [KitAssetView], description: "detail: the kit's own library assets and their state" }) assets?: KitAssetView[];
  @ApiPropertyOptional({ type: [KitAssetIssueView], description: 'detail: referenced library assets that are withdrawn (blocking) or replaced (informational)' })
  assetIssues?: KitAssetIssueView[];

  static of(kit: KitEntity, version: KitVersionEntity, publishedVersion: number | null, autoLaunch?: AutoLaunchProgress, assets?: KitAssetSummary): KitView {
    return {
      id: kit.id,
      slug: kit.slug,
      category: kit.category,
      status: kit.status,
      version: KitVersionView.of(version),
      publishedVersion,
      ...(autoLaunch ? { autoLaunch } : {}),
      ...(assets ? { assets: assets.assets, assetIssues: assets.assetIssues } : {}),
    };
  }
}

export class KitPageView {
  @ApiProperty({ type: [KitView] }) items!: KitView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class LaunchView {
  @ApiProperty() id!: string;
  @ApiProperty() kitId!: string;
  @ApiProperty() kitVersionId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty({ enum: ['active', 'paused', 'ended'] }) status!: string;
  @ApiProperty({ enum: ['partner', 'concierge', 'auto'] }) mode!: string;
  @ApiProperty({ type: Object }) edits!: object;
  @ApiProperty({ nullable: true, type: String }) audienceId!: string | null;
  @ApiProperty({ nullable: true, type: String }) sendAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the email template of the blast' }) blastTemplateId!: string | null;
  @ApiProperty({ enum: ['none', 'scheduled', 'expanding', 'queued', 'cancelled'] }) blastStatus!: string;
  @ApiProperty({ description: 'messages the blast queued (sendable contacts at send time)' }) blastCount!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
  @ApiPropertyOptional({ description: 'a newer version of the kit is published' }) updateAvailable?: boolean;

  static of(l: LaunchEntity, updateAvailable?: boolean): LaunchView {
    return {
      id: l.id,
      kitId: l.kitId,
      kitVersionId: l.kitVersionId,
      partnerId: l.partnerId,
      status: l.status,
      mode: l.mode,
      edits: l.edits,
      audienceId: l.audienceId,
      sendAt: l.sendAt?.toISOString() ?? null,
      blastTemplateId: l.blastTemplateId,
      blastStatus: l.blastStatus,
      blastCount: l.blastCount,
      createdAt: l.createdAt.toISOString(),
      endedAt: l.endedAt?.toISOString() ?? null,
      ...(updateAvailable === undefined ? {} : { updateAvailable }),
    };
  }
}

export class LaunchLinkView {
  @ApiProperty({ description: '<template key>.<destination key>' }) assetKey!: string;
  @ApiProperty({ enum: ['email', 'social', 'banner', 'landing'] }) medium!: string;
  @ApiProperty({ description: 'the trackable link to use in this asset' }) url!: string;
  @ApiProperty() destinationUrl!: string;
  @ApiProperty({ nullable: true, type: String, description: 'a link to a library asset: it serves the file the asset stands for now' }) assetId!: string | null;
  @ApiProperty({ enum: ['active', 'ended'] }) status!: string;
}

export class LaunchRenditionItemView {
  @ApiProperty() templateId!: string;
  @ApiProperty() templateName!: string;
  @ApiPropertyOptional({ description: 'a short-lived download URL of the stored image' }) url?: string;
  @ApiPropertyOptional() width?: number;
  @ApiPropertyOptional() height?: number;
  @ApiPropertyOptional() contentType?: string;
  @ApiPropertyOptional({ description: 'its library background is withdrawn: there is no image to show' }) withdrawn?: boolean;
}

export class LaunchDetailView extends LaunchView {
  @ApiProperty({ type: [LaunchLinkView] }) links!: LaunchLinkView[];
  @ApiProperty({ type: [LaunchRenditionItemView], description: "the launch's co-branded banners (re-rendered when a library file in them was swapped)" })
  renditions!: LaunchRenditionItemView[];
}

export class LaunchPageView {
  @ApiProperty({ type: [LaunchView] }) items!: LaunchView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
