import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFoundError, StorageService } from '@app/core';
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
  constructor(private readonly storage: StorageService) {}

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
