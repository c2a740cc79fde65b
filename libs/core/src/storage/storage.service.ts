import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { requireResolved } from '../config/resolved';

export interface StoredObjectInfo {
  key: string;
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
}

/** Object storage over the S3 API: an in-process S3-compatible server by default, any S3 in production. */
@Injectable()
export class StorageService implements OnModuleDestroy {
  private readonly logger = new Logger(StorageService.name);
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly presignTtlSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.bucket = config.storage.bucket;
    this.presignTtlSeconds = config.storage.presignTtlSeconds;
    this.client = new S3Client({
      endpoint: requireResolved(config.storage.endpoint, 'S3_ENDPOINT'),
      region: config.storage.region,
      forcePathStyle: config.storage.forcePathStyle,
      credentials: { accessKeyId: config.storage.accessKeyId, secretAccessKey: config.storage.secretAccessKey },
      // With a custom endpoint, the SDK's default streaming checksums corrupt uploads on local S3 servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Creates the bucket when it does not exist yet (embedded server, fresh MinIO). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.logger.log(`creating bucket ${this.bucket}`);
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  async put(key: string, body: Buffer | Readable, contentType: string, contentLength?: number): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ...(Buffer.isBuffer(body) ? { ContentLength: body.length } : contentLength === undefined ? {} : { ContentLength: contentLength }),
      }),
    );
  }

  async getStream(key: string): Promise<Readable> {
    const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return result.Body as Readable;
  }

  async getBuffer(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.getStream(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Metadata of an object, or null when it does not exist. */
  async head(key: string): Promise<StoredObjectInfo | null> {
    try {
      const result = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: result.ContentLength ?? 0, contentType: result.ContentType, etag: result.ETag };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** A short-lived GET URL (S3_PRESIGN_TTL_SECONDS, at most the default unless shorter is asked). */
  async presignGet(key: string, options: { ttlSeconds?: number; downloadName?: string } = {}): Promise<string> {
    const expiresIn = Math.min(options.ttlSeconds ?? this.presignTtlSeconds, this.presignTtlSeconds);
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(options.downloadName
          ? { ResponseContentDisposition: `attachment; filename="${options.downloadName.replace(/[^\w.-]/g, '_')}"` }
          : {}),
      }),
      { expiresIn },
    );
  }

  /** Cheap round trip for /health. */
  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey' || error.name === 'NoSuchBucket')
  );
}
