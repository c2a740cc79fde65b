import {
  AbortMultipartUploadCommand,
  CompletedPart,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { requireResolved } from '../config/resolved';
import { checkOutsideTransaction, trackTransactions } from '../database/transaction-context';

export interface StoredObjectInfo {
  key: string;
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
}

/** S3 refuses parts below 5 MiB except the last one. */
const MIN_PART_BYTES = 5 * 1024 * 1024;

/** Object storage over the S3 API: an in-process S3-compatible server by default, any S3 in production. */
@Injectable()
export class StorageService implements OnModuleDestroy {
  private readonly logger = new Logger(StorageService.name);
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly presignTtlSeconds: number;
  private readonly strictIo: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    trackTransactions();
    this.strictIo = config.nodeEnv === 'test';
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
    this.outsideTransaction('S3 ensureBucket');
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.logger.log(`creating bucket ${this.bucket}`);
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  async put(key: string, body: Buffer | Readable, contentType: string, contentLength?: number): Promise<void> {
    this.outsideTransaction('S3 put');
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

  /**
   * Stores a stream of unknown length without holding it in memory: one PUT when it ends within the
   * first part, else an S3 multipart upload of `partBytes` parts (at most one part is buffered).
   * When the source fails (a size limit, a refused content) or a part fails, the multipart upload is
   * aborted, so no object and no orphaned parts are left, and the error is rethrown.
   */
  async putStream(key: string, source: AsyncIterable<Buffer>, contentType: string, options: { partBytes?: number } = {}): Promise<{ bytes: number }> {
    this.outsideTransaction('S3 putStream');
    const partBytes = Math.max(options.partBytes ?? 8 * 1024 * 1024, MIN_PART_BYTES);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let total = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const flush = async (): Promise<void> => {
      const body = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      uploadId ??= (await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }))).UploadId;
      const partNumber = parts.length + 1;
      const result = await this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: body.length }));
      parts.push({ PartNumber: partNumber, ETag: result.ETag });
    };
    try {
      for await (const chunk of source) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        total += chunk.length;
        if (pendingBytes >= partBytes) await flush();
      }
      if (uploadId === undefined) {
        await this.put(key, Buffer.concat(pending, pendingBytes), contentType);
        return { bytes: total };
      }
      if (pendingBytes > 0) await flush();
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return { bytes: total };
    } catch (error) {
      if (uploadId !== undefined) {
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch((abortError: unknown) => {
          this.logger.warn(`aborting the multipart upload of ${key} failed: ${abortError instanceof Error ? abortError.message : String(abortError)}`);
        });
      }
      throw error;
    }
  }

  /** Keys under a prefix (housekeeping and tests), at most `max`. */
  async list(prefix: string, max = 10_000): Promise<StoredObjectInfo[]> {
    this.outsideTransaction('S3 list');
    const found: StoredObjectInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: Math.min(1000, max - found.length) }));
      for (const o of page.Contents ?? []) if (o.Key) found.push({ key: o.Key, size: o.Size ?? 0, contentType: undefined, etag: o.ETag });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && found.length < max);
    return found;
  }

  async getStream(key: string): Promise<Readable> {
    this.outsideTransaction('S3 getStream');
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
    this.outsideTransaction('S3 head');
    try {
      const result = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: result.ContentLength ?? 0, contentType: result.ContentType, etag: result.ETag };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    this.outsideTransaction('S3 delete');
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
    this.outsideTransaction('S3 ping');
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** No S3 round trip while a database transaction is open (see `checkOutsideTransaction`). */
  private outsideTransaction(what: string): void {
    checkOutsideTransaction(what, this.strictIo, (message) => this.logger.warn(message));
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
