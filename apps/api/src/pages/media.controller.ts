import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AssetResolver } from '@app/assets';
import { isUuid, NotFoundError, StorageService } from '@app/core';
import { Public } from '../auth/auth.decorators';

/**
 * Images that appear in emails and pages (partner logos, the brand logo, banner backgrounds),
 * public because mail clients fetch them without credentials. Only these content-hashed keys are
 * served: nothing else in storage is reachable, and a key's content never changes.
 */
const PUBLIC_KEY = /^(partners\/[0-9a-f-]{36}\/logo-[0-9a-f]{16}\.png|brand\/logo-[0-9a-f]{16}\.png|templates\/[0-9a-f-]{36}\/background-[0-9a-f]{16}\.png)$/;

@ApiExcludeController()
@Controller('media')
export class MediaController {
  constructor(
    private readonly storage: StorageService,
    private readonly assets: AssetResolver,
  ) {}

  /**
   * A library image as emails and landing pages show it. The reference follows the asset: its
   * current file, a redirect to what replaces it (an older version, or the successor once it has
   * expired, so mail sent before the swap shows the new image), or a "withdrawn" placeholder (410).
   * Only image assets are served here; other files go through signed, recorded downloads.
   */
  @Public()
  @Get('assets/:assetId/:version')
  async asset(@Param('assetId') assetId: string, @Param('version') version: string, @Res() reply: FastifyReply): Promise<void> {
    if (!isUuid(assetId) || (version !== 'withdrawn' && !isUuid(version))) throw new NotFoundError('Image');
    const resolution = await this.assets.resolveOne(assetId);
    if (resolution.state === 'unknown') throw new NotFoundError('Image');
    const target = resolution.target;
    if (target && target.type !== 'image') throw new NotFoundError('Image');
    if (!target) {
      await reply
        .status(410)
        .header('content-type', 'image/svg+xml')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .send(WITHDRAWN_SVG);
      return;
    }
    if (target.assetId !== assetId.toLowerCase() || target.versionId !== version.toLowerCase()) {
      await reply.status(302).header('location', this.assets.imageUrl(resolution)).header('cache-control', 'no-cache').send();
      return;
    }
    const info = await this.storage.head(target.storageKey);
    if (!info) throw new NotFoundError('Image');
    await reply
      .header('content-type', target.contentType)
      .header('content-length', String(info.size))
      // Short: the same URL turns into a redirect or a placeholder when the asset expires.
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(await this.storage.getStream(target.storageKey));
  }

  @Public()
  @Get('*')
  async get(@Param('*') key: string, @Res() reply: FastifyReply): Promise<void> {
    if (!PUBLIC_KEY.test(key)) throw new NotFoundError('Image');
    const info = await this.storage.head(key);
    if (!info) throw new NotFoundError('Image');
    await reply
      .header('content-type', 'image/png')
      .header('content-length', String(info.size))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(await this.storage.getStream(key));
  }
}

/** What a withdrawn library image shows in a page or an email opened after it expired. */
const WITHDRAWN_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 200" preserveAspectRatio="xMidYMid meet">
<rect width="600" height="200" fill="#eceff3"/>
<text x="300" y="108" font-family="Arial, sans-serif" font-size="24" fill="#5b6472" text-anchor="middle">This content has been withdrawn</text>
</svg>`;
