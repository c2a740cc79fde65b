import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Principal, UuidPipe } from '@app/core';
import { DownloadLinkDto, LibraryItemDto, LibraryPageDto, LibraryQuery, PartnerLibraryService } from '@app/assets';
import { Can, CurrentUser } from '../auth/auth.decorators';

const GONE = 'ASSET_EXPIRED: the asset expired or was archived; details.successorId names what replaces it, when the caller may use that';
const HIDDEN = 'unknown, not eligible and not yet published look the same';

/**
 * The library as partners browse it: only assets they are eligible for (decided from the
 * caller's own partner), published and not expired. Vendor users see every published asset.
 */
@ApiTags('library')
@ApiBearerAuth()
@Controller('api/v1/library')
export class LibraryController {
  constructor(private readonly library: PartnerLibraryService) {}

  @Can('use-library')
  @Get()
  @ApiOkResponse({ type: LibraryPageDto, description: 'assets the caller may use now, newest published first, filtered by q, type, tag and locale' })
  list(@CurrentUser() principal: Principal, @Query() query: LibraryQuery): Promise<LibraryPageDto> {
    return this.library.library(principal, query);
  }

  @Can('use-library')
  @Get(':id')
  @ApiOkResponse({ type: LibraryItemDto })
  @ApiNotFoundResponse({ description: HIDDEN })
  @ApiGoneResponse({ description: GONE })
  detail(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LibraryItemDto> {
    return this.library.libraryDetail(principal, id);
  }

  @Can('use-library')
  @Get(':id/preview')
  @ApiProduces('image/webp', 'image/png')
  @ApiOkResponse({ description: 'the thumbnail of an image, or the icon of the file type' })
  @ApiNotFoundResponse({ description: HIDDEN })
  @ApiGoneResponse({ description: GONE })
  async preview(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const preview = await this.library.libraryPreview(principal, id);
    await reply
      .header('content-type', preview.contentType)
      .header('content-length', String(preview.bytes))
      .header('cache-control', 'private, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(preview.stream);
  }

  @Can('use-library')
  @Post(':id/download')
  @HttpCode(200)
  @ApiOkResponse({ type: DownloadLinkDto, description: 'a short-lived download URL made for this request; the download is counted for the caller’s partner' })
  @ApiNotFoundResponse({ description: HIDDEN })
  @ApiGoneResponse({ description: GONE })
  download(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<DownloadLinkDto> {
    return this.library.download(principal, id);
  }
}
