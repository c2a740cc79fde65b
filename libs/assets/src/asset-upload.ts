import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, AuditService, Clock, DomainError, NotFoundError, Principal, StorageService } from '@app/core';
import { checkFile, AssetFileKind, SNIFF_BYTES } from './asset-file-type';
import { AssetThumbnails, iconFor } from './asset-thumbnail';
import { AssetRepository } from './asset.repository';
import { AssetService } from './asset.service';
import { AssetVersionDto } from './asset.dto';
import type { AssetType } from './asset.types';

/** The most bytes an asset of this type may have. */
export function maxBytesFor(config: AppConfig, type: AssetType): number {
  if (type === 'image') return config.assets.maxBytes.image;
  if (type === 'video') return config.assets.maxBytes.video;
  return config.assets.maxBytes.document;
}

export class AssetFileTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super('ASSET_FILE_TOO_LARGE', `The file is larger than ${maxBytes} bytes`, 413, { fields: [{ field: 'file', problems: [`must be at most ${maxBytes} bytes`] }] });
  }
}

export class AssetFileTypeError extends DomainError {
  constructor(code: 'ASSET_FILE_TYPE' | 'ASSET_FILE_MISMATCH', message: string) {
    super(code, `The file was refused: ${message}`, 415, { fields: [{ field: 'file', problems: [message] }] });
  }
}

export class AssetFileEmptyError extends DomainError {
  constructor() {
    super('ASSET_FILE_EMPTY', 'The file is empty', 400, { fields: [{ field: 'file', problems: ['is empty'] }] });
  }
}

/** One file arriving in a request: its bytes as a stream (not buffered) and the name the client gave it. */
export interface IncomingFile {
  stream: Readable;
  fileName: string;
}

interface Streamed {
  kind: AssetFileKind;
  contentType: string;
  fileName: string;
  bytes: number;
  sha256: string;
  /** Images only (bounded by the image limit), for the thumbnail. */
  kept: Buffer | null;
}

/**
 * New versions of an asset. The upload is streamed to storage through a SHA-256 hash and a byte
 * counter: its type is read from the first bytes before anything is stored, a file over the
 * type's limit aborts the multipart upload, so a refused upload leaves no object behind. The
 * version row is written only once the file is stored (and the object deleted if that fails).
 */
@Injectable()
export class AssetUploadService {
  private readonly logger = new Logger(AssetUploadService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly assets: AssetService,
    private readonly repository: AssetRepository,
    private readonly storage: StorageService,
    private readonly thumbnails: AssetThumbnails,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The largest file a new version of this asset may be (read before the upload, to bound the multipart parser). */
  async limitFor(assetId: string): Promise<{ type: AssetType; maxBytes: number }> {
    const asset = await this.assets.forUpload(assetId);
    return { type: asset.type, maxBytes: maxBytesFor(this.config, asset.type) };
  }

  async upload(principal: Principal, assetId: string, file: IncomingFile, requestId: string | null): Promise<AssetVersionDto> {
    const asset = await this.assets.forUpload(assetId);
    const versionId = randomUUID();
    const prefix = `assets/${asset.id}/${versionId}/`;
    let streamed: Streamed;
    try {
      streamed = await this.store(file, asset.type, maxBytesFor(this.config, asset.type), (name) => `${prefix}${name}`);
    } finally {
      // Whatever the outcome, read the rest of the request so the answer reaches the client.
      file.stream.resume();
    }
    const storageKey = `${prefix}${streamed.fileName}`;
    const stored = [storageKey];
    const change = AssetService.changeJob();
    try {
      let thumbnailKey: string;
      let width: number | null = null;
      let height: number | null = null;
      const imageKind = streamed.kind === 'png' || streamed.kind === 'jpeg' || streamed.kind === 'webp' || streamed.kind === 'gif' ? streamed.kind : null;
      if (streamed.kept && imageKind) {
        const thumbnail = await this.thumbnails.ofImage(streamed.kept, imageKind);
        thumbnailKey = `${prefix}thumbnail/320.webp`;
        await this.storage.put(thumbnailKey, thumbnail.data, thumbnail.contentType);
        stored.push(thumbnailKey);
        width = thumbnail.width;
        height = thumbnail.height;
      } else {
        thumbnailKey = await this.thumbnails.icon(iconFor(streamed.kind));
      }
      await this.dataSource.transaction(async (manager) => {
        const locked = await this.repository.lockForVersion(manager, asset.id);
        await this.assets.recordChange(manager, change, [asset.id]);
        if (!locked) throw new NotFoundError('Asset');
        const next = await this.repository.nextVersion(manager, asset.id);
        const now = this.clock.now();
        await this.repository.addVersion(manager, {
          id: versionId,
          assetId: asset.id,
          version: next,
          storageKey,
          fileName: streamed.fileName,
          contentType: streamed.contentType,
          bytes: streamed.bytes,
          sha256: streamed.sha256,
          thumbnailKey,
          width,
          height,
          uploadedBy: principal.userId,
          createdAt: now,
        });
        await this.audit.record(
          {
            actorUserId: principal.userId,
            action: 'asset.version.uploaded',
            entityType: 'asset',
            entityId: asset.id,
            after: { versionId, version: next, fileName: streamed.fileName, contentType: streamed.contentType, bytes: streamed.bytes, sha256: streamed.sha256 },
            requestId,
          },
          manager,
        );
      });
    } catch (error) {
      await Promise.all(stored.map((key) => this.storage.delete(key).catch((e: unknown) => this.logger.warn(`could not delete ${key}: ${e instanceof Error ? e.message : String(e)}`))));
      throw error;
    }
    await this.assets.afterChange([asset.id], change);
    const versions = await this.assets.versions(asset.id, false);
    return versions.find((v) => v.id === versionId)!;
  }

  /** Streams the file into storage, deciding its type from the first bytes before storing any. */
  private async store(file: IncomingFile, type: AssetType, maxBytes: number, keyFor: (fileName: string) => string): Promise<Streamed> {
    // The stream is not destroyed when iteration stops early: the rest of the request is drained instead.
    const source = file.stream.iterator({ destroyOnReturn: false })[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const head: Buffer[] = [];
    let headBytes = 0;
    let ended = false;
    while (headBytes < SNIFF_BYTES) {
      const next = await source.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      headBytes += next.value.length;
      if (headBytes > maxBytes) throw new AssetFileTooLargeError(maxBytes);
    }
    if (headBytes === 0) throw new AssetFileEmptyError();
    const check = checkFile(Buffer.concat(head, headBytes), file.fileName, type);
    if (!check.ok) throw new AssetFileTypeError(check.reason === 'mismatch' ? 'ASSET_FILE_MISMATCH' : 'ASSET_FILE_TYPE', check.message);

    const hash = createHash('sha256');
    const keep = type === 'image' ? ([] as Buffer[]) : null;
    // Text must stay valid UTF-8 to its end, not only in the sniffed part.
    const text = check.kind === 'txt' ? new TextDecoder('utf-8', { fatal: true }) : null;
    let bytes = 0;
    const counted = (chunk: Buffer): Buffer => {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new AssetFileTooLargeError(maxBytes);
      hash.update(chunk);
      keep?.push(chunk);
      if (text) {
        try {
          text.decode(chunk, { stream: true });
        } catch {
          throw new AssetFileTypeError('ASSET_FILE_TYPE', 'the content is not valid UTF-8 text');
        }
      }
      return chunk;
    };
    async function* body(): AsyncGenerator<Buffer> {
      for (const chunk of head) yield counted(chunk);
      if (ended) return;
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        yield counted(next.value);
      }
      if (text) {
        try {
          text.decode();
        } catch {
          throw new AssetFileTypeError('ASSET_FILE_TYPE', 'the content is not valid UTF-8 text (it ends inside a character)');
        }
      }
    }
    await this.storage.putStream(keyFor(check.fileName), body(), check.contentType);
    return { kind: check.kind, contentType: check.contentType, fileName: check.fileName, bytes, sha256: hash.digest('hex'), kept: keep ? Buffer.concat(keep, bytes) : null };
  }
}
