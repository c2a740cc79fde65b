import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { AssetEligibility, AssetResolver, AssetType, statusAt } from '@app/assets';
import { Clock, StorageService } from '@app/core';
import { TestUser } from './factories';
import { TestApp } from './test-app';

export interface LibraryAssetInput {
  title?: string;
  type?: AssetType;
  file?: Buffer;
  fileName?: string;
  contentType?: string;
  publishAt?: Date;
  expiresAt?: Date | null;
  successorId?: string | null;
  eligibility?: AssetEligibility;
  tags?: string[];
}

/** A solid-colour PNG, for image assets and banner backgrounds. */
export async function solidPng(colour: string, width = 1200, height = 628): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
}

/**
 * A library asset with one version, written straight to the database and storage as the library
 * would (for suites about what uses assets; the library's own suite goes through the API).
 */
export async function libraryAsset(t: TestApp, owner: TestUser, input: LibraryAssetInput = {}): Promise<{ id: string; versionId: string; storageKey: string }> {
  const now = t.get(Clock).now();
  const type = input.type ?? 'image';
  const file = input.file ?? (await solidPng('#0b5fff'));
  const id = randomUUID();
  const versionId = randomUUID();
  const fileName = input.fileName ?? (type === 'image' ? 'image.png' : 'datasheet.pdf');
  const storageKey = `assets/${id}/${versionId}/${fileName}`;
  await t.get(StorageService).put(storageKey, file, input.contentType ?? (type === 'image' ? 'image/png' : 'application/pdf'));
  const publishAt = input.publishAt ?? new Date(now.getTime() - 60_000);
  const expiresAt = input.expiresAt ?? null;
  const status = statusAt({ status: 'live', publishAt, expiresAt }, now, t.config.assets.warningDays);
  await t.db.transaction(async (m) => {
    await m.query(
      `INSERT INTO assets (id, title, type, tags, owner_user_id, eligibility, publish_at, expires_at, successor_id, status, next_transition_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $5)`,
      [
        id,
        input.title ?? `Asset ${id.slice(0, 6)}`,
        type,
        input.tags ?? [],
        owner.user.id,
        JSON.stringify(input.eligibility ?? {}),
        publishAt,
        expiresAt,
        input.successorId ?? null,
        status,
        // Due at once, as a new asset is: the sweep announces one created inside a warning window.
        now,
      ],
    );
    await m.query(
      `INSERT INTO asset_versions (id, asset_id, version, storage_key, file_name, content_type, bytes, sha256, uploaded_by) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8)`,
      [versionId, id, storageKey, fileName, input.contentType ?? (type === 'image' ? 'image/png' : 'application/pdf'), file.length, createHash('sha256').update(file).digest('hex'), owner.user.id],
    );
    await m.query(`UPDATE assets SET current_version_id = $2 WHERE id = $1`, [id, versionId]);
  });
  t.get(AssetResolver).invalidate();
  return { id, versionId, storageKey };
}
