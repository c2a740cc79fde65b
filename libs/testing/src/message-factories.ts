import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readTemplateFolder, TemplateService } from '@app/brand';
import { Principal } from '@app/core';
import { MessageOutbox } from '@app/mailing';
import { makeUser } from './factories';
import { TestApp } from './test-app';

const TEMPLATES_DIR = path.resolve(__dirname, '..', '..', '..', 'templates');
const DAY_MS = 24 * 3600 * 1000;

/** The published version of one of the shipped email templates, loaded from templates/emails on first use. */
export async function emailTemplateVersion(t: TestApp, key = 'follow-up'): Promise<string> {
  const find = () =>
    t.db.query<{ id: string }[]>(
      `SELECT v.id FROM template_versions v JOIN templates tp ON tp.id = v.template_id WHERE tp.key = $1 AND v.status = 'published' ORDER BY v.version DESC LIMIT 1`,
      [key],
    );
  const existing = (await find())[0];
  if (existing) return existing.id;
  const { user } = await makeUser(t, 'vendor_marketer');
  const actor: Principal = { userId: user.id, email: user.email, name: user.name, role: 'vendor_marketer', partnerId: null, tokenId: 'test', tokenKind: 'session' };
  const folder = await readTemplateFolder(TEMPLATES_DIR, path.join(TEMPLATES_DIR, 'emails', key));
  const templates = t.get(TemplateService);
  const created = await templates.create(actor, folder.content);
  await templates.publish(actor, created.template.id);
  return (await find())[0]!.id;
}

export interface MakeMessagesOptions {
  partnerId: string;
  templateVersionId: string;
  /** Default: a week after the fake clock's now, so no dispatcher picks them up during the test. */
  dueAt?: Date;
  /** `sent` (with sent_at = the clock's now) or left `queued`. */
  status?: 'queued' | 'sent';
}

/** One message per address through the outbox, as a blast would write them; returns their ids in order. */
export async function makeMessages(t: TestApp, to: string[], options: MakeMessagesOptions): Promise<string[]> {
  const outbox = t.get(MessageOutbox);
  const run = randomBytes(4).toString('hex');
  const contentId = await outbox.content({ key: `test.${run}`, partnerId: options.partnerId, templateVersionId: options.templateVersionId, sender: 'partner' });
  const dueAt = options.dueAt ?? new Date(t.clock.now().getTime() + 7 * DAY_MS);
  const keys = to.map((_, i) => `test.${run}.${i}`);
  await outbox.enqueue(
    to.map((address, i) => ({
      dedupeKey: keys[i]!,
      kind: 'blast' as const,
      contentId,
      partnerId: options.partnerId,
      to: address,
      recipient: { firstName: 'Test', lastName: 'Recipient', company: 'Example' },
      dueAt,
    })),
  );
  const rows = await t.db.query<{ id: string; dedupe_key: string }[]>(`SELECT id, dedupe_key FROM messages WHERE dedupe_key = ANY($1)`, [keys]);
  const ids = keys.map((k) => rows.find((r) => r.dedupe_key === k)!.id);
  if (options.status === 'sent') {
    await t.db.query(`UPDATE messages SET status = 'sent', sent_at = $2 WHERE id = ANY($1)`, [ids, t.clock.now()]);
  }
  return ids;
}
