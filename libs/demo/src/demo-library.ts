import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { AssetService, AssetUploadService } from '@app/assets';
import type { AssetType } from '@app/assets';
import { Clock, Principal } from '@app/core';

const DAY_MS = 86_400_000;

interface DemoAsset {
  title: string;
  type: AssetType;
  description: string;
  tags: string[];
  fileName: string;
  /** Days from the seed: publication (default: now) and expiry (default: never). */
  publishInDays?: number;
  expiresInDays?: number;
  /** Title of the asset that replaces it. */
  successor?: string;
}

/** The library a first start shows: a datasheet, an expiring deck with its scheduled successor, legal terms, a product image. */
export const DEMO_ASSETS: DemoAsset[] = [
  { title: 'Backup 5 datasheet', type: 'datasheet', description: 'Features, editions and system requirements of Acme Cloud Backup 5.', tags: ['backup-5', 'datasheet'], fileName: 'backup-5-datasheet.pdf' },
  { title: 'Backup 5 launch deck (2027)', type: 'deck', description: 'The customer pitch for 2027 pricing.', tags: ['backup-5', 'deck'], fileName: 'backup-5-deck-2027.pdf', publishInDays: 14 },
  {
    title: 'Backup 5 launch deck (launch pricing)',
    type: 'deck',
    description: 'The customer pitch with launch pricing, valid until the end of the offer.',
    tags: ['backup-5', 'deck'],
    fileName: 'backup-5-deck-launch.pdf',
    expiresInDays: 21,
    successor: 'Backup 5 launch deck (2027)',
  },
  { title: 'Partner program terms 2026', type: 'legal', description: 'The terms every co-branded campaign refers to.', tags: ['legal'], fileName: 'partner-terms-2026.txt', expiresInDays: 40 },
  { title: 'Backup 5 product shot', type: 'image', description: 'The product on a laptop screen, for emails and pages.', tags: ['backup-5', 'image'], fileName: 'backup-5-product-shot.png' },
];

/** Seeds the demo asset library through the library's own services (uploads included). */
@Injectable()
export class DemoLibrary {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assets: AssetService,
    private readonly uploads: AssetUploadService,
    private readonly clock: Clock,
  ) {}

  /** Creates the demo assets that do not exist yet; returns title → id of all of them. */
  async seed(owner: Principal): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const existing = await this.dataSource.query<{ id: string; title: string }[]>(`SELECT id, title FROM assets WHERE title = ANY($1)`, [DEMO_ASSETS.map((a) => a.title)]);
    for (const row of existing) ids.set(row.title, row.id);
    const now = this.clock.now().getTime();
    // Successors first, so the asset they replace can name them.
    const ordered = [...DEMO_ASSETS].sort((a, b) => Number(Boolean(a.successor)) - Number(Boolean(b.successor)));
    for (const a of ordered) {
      if (ids.has(a.title)) continue;
      const created = await this.assets.create(
        owner,
        {
          title: a.title,
          type: a.type,
          description: a.description,
          tags: a.tags,
          ...(a.publishInDays ? { publishAt: new Date(now + a.publishInDays * DAY_MS).toISOString() } : {}),
          ...(a.expiresInDays ? { expiresAt: new Date(now + a.expiresInDays * DAY_MS).toISOString() } : {}),
          ...(a.successor ? { successorId: ids.get(a.successor)! } : {}),
        },
        'demo-seed',
      );
      await this.uploads.upload(owner, created.id, { stream: Readable.from([await demoFile(a)]), fileName: a.fileName }, 'demo-seed');
      ids.set(a.title, created.id);
    }
    return ids;
  }
}

async function demoFile(asset: DemoAsset): Promise<Buffer> {
  if (asset.type === 'image') {
    return sharp({ create: { width: 1200, height: 628, channels: 3, background: '#0b5fff' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="628"><rect x="300" y="120" width="600" height="380" rx="24" fill="#ffffff"/><rect x="340" y="160" width="520" height="300" fill="#00c2a8"/></svg>') }])
      .png()
      .toBuffer();
  }
  if (asset.fileName.endsWith('.txt')) return Buffer.from(`${asset.title}\n\n${asset.description}\n`, 'utf8');
  return onePagePdf(asset.title, asset.description);
}

/** A valid one-page PDF with two lines of text (Helvetica), offsets computed for its cross-reference table. */
export function onePagePdf(title: string, line: string): Buffer {
  const text = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const stream = `BT /F1 24 Tf 72 720 Td (${text(title)}) Tj /F1 12 Tf 0 -36 Td (${text(line)}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
