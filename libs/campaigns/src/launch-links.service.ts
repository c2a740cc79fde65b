import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assetRefId } from '@app/assets';
import { assetLibraryUrl, fieldType, resolveFieldValues, Template, TemplateWithVersion } from '@app/brand';
import { APP_CONFIG, AppConfig } from '@app/core';
import { canonicalUrl, LinkMedium, LinkService } from '@app/links';
import { Partner } from '@app/partners';
import { KitEntity } from './kit.entity';
import { KitVersionEntity } from './kit-version.entity';
import { LaunchEntity } from './launch.entity';

/** A launch's link to a library asset. */
export interface AssetLink {
  linkId: string;
  assetId: string;
}

const MEDIUM: Record<Template['kind'], LinkMedium> = { email: 'email', landing_page: 'landing', banner: 'banner', social_post: 'social' };

/** The link fan-out of a launch: the partner's own trackable link for every call to action of the kit. */
@Injectable()
export class LaunchLinkService {
  constructor(
    private readonly links: LinkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The partner's own trackable link for every template × destination of the kit: every call to
   * action of the launch counts clicks for this partner and launch, and can only go where the kit
   * allows. Asset key `<template key>.<destination key>` (or `<template key>.<field key>` for a URL field outside the destinations).
   */
  async createLinks(
    launch: LaunchEntity,
    version: KitVersionEntity,
    templates: TemplateWithVersion[],
    partner: Partner,
    kit: KitEntity,
    manager: EntityManager,
  ): Promise<AssetLink[]> {
    const destinations = new Set(version.destinations.flatMap((d) => (d.url ? [canonicalUrl(d.url)] : [])));
    // Links to library assets go here while the asset is withdrawn: the kit's first URL destination, or the partner's site.
    const assetFallback = version.destinations.find((d) => d.url)?.url ?? partner.website;
    const assetLinks: AssetLink[] = [];
    const assetLink = async (assetKey: string, linkMedium: LinkMedium, assetId: string) => {
      const link = await this.links.createLink(
        {
          partnerId: partner.id,
          launchId: launch.id,
          assetKey,
          medium: linkMedium,
          // The asset's library page: what emails and pages are given (and find the link by) in place of the reference.
          destinationUrl: assetLibraryUrl(this.config.publicUrl, assetId),
          assetId,
          partnerSlug: partner.slug,
          campaignSlug: kit.slug,
          fallbackUrl: assetFallback,
        },
        manager,
      );
      assetLinks.push({ linkId: link.id, assetId });
    };
    for (const { template, templateVersion } of templates) {
      // A vendor URL field (locked, or edited within its allowed domains) that is not one of the
      // kit's destinations still gets the partner's own link, so every link of the campaign counts.
      const values = resolveFieldValues(templateVersion.manifest, {}, launch.edits[template.id] ?? {});
      for (const field of templateVersion.manifest.fields) {
        const value = values[field.key];
        if (field.source === 'partner' || fieldType(field) !== 'url' || !value) continue;
        const assetId = assetRefId(value);
        if (assetId) {
          await assetLink(`${template.key}.${field.key}`, MEDIUM[template.kind], assetId);
          continue;
        }
        if (destinations.has(canonicalUrl(value))) continue;
        await this.links.createLink(
          {
            partnerId: partner.id,
            launchId: launch.id,
            assetKey: `${template.key}.${field.key}`,
            medium: MEDIUM[template.kind],
            destinationUrl: value,
            partnerSlug: partner.slug,
            campaignSlug: kit.slug,
            fallbackUrl: partner.website,
          },
          manager,
        );
      }
      for (const destination of version.destinations) {
        if (destination.assetId) {
          await assetLink(`${template.key}.${destination.key}`, MEDIUM[template.kind], destination.assetId);
          continue;
        }
        await this.links.createLink(
          {
            partnerId: partner.id,
            launchId: launch.id,
            assetKey: `${template.key}.${destination.key}`,
            medium: MEDIUM[template.kind],
            destinationUrl: destination.url!,
            partnerSlug: partner.slug,
            campaignSlug: kit.slug,
            fallbackUrl: partner.website,
          },
          manager,
        );
      }
    }
    return assetLinks;
  }

  /** A launch's links with their public URLs. */
  linksOf(launchId: string) {
    return this.links.linksOfLaunch(launchId);
  }

  /** A launch's existing links to library assets. */
  async assetLinksOf(launchId: string): Promise<AssetLink[]> {
    return (await this.links.linksOfLaunch(launchId)).flatMap((l) => (l.assetId ? [{ linkId: l.id, assetId: l.assetId }] : []));
  }
}
