import path from 'node:path';
import { BrandKitService, TemplateLoaderService } from '@app/brand';
import { Principal } from '@app/core';
import { TestUser } from './factories';
import { TestApp } from './test-app';

const TEMPLATES_DIR = path.resolve(__dirname, '..', '..', '..', 'templates');

/** The Acme Cloud brand kit and every shipped template, loaded as `marketer`; returns template key → id. */
export async function loadBrandAndTemplates(t: TestApp, marketer: TestUser): Promise<Record<string, string>> {
  const actor: Principal = { userId: marketer.user.id, email: marketer.user.email, name: marketer.user.name, role: 'vendor_marketer', partnerId: null, tokenId: 'test', tokenKind: 'session' };
  await t.get(BrandKitService).update(actor, {
    name: 'Acme Cloud',
    colours: { primary: '#0B5FFF', secondary: '#00C2A8', accent: '#FFB020', text: '#1B1F24', background: '#FFFFFF' },
    fonts: { heading: 'Inter', body: 'Inter' },
    legalFooter: '© Acme Cloud',
  });
  await t.get(TemplateLoaderService).loadDirectory(TEMPLATES_DIR, actor);
  const ids: Record<string, string> = {};
  for (const row of await t.db.query<{ id: string; key: string }[]>('SELECT id, key FROM templates')) ids[row.key] = row.id;
  return ids;
}

/**
 * A draft kit of the product-launch email whose button (the template's default CTA) is the kit's
 * one destination, for the given tier; returns its id.
 */
export async function draftKit(
  t: TestApp,
  marketer: TestUser,
  tierId: string,
  templateIds: Record<string, string>,
  slug: string,
  category = 'product-launch',
): Promise<string> {
  const created = await t
    .http()
    .post('/api/v1/kits')
    .set('authorization', marketer.auth)
    .send({
      slug,
      category,
      name: `Kit ${slug}`,
      templateIds: [templateIds['product-launch']],
      destinations: [{ key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Product page' }],
      eligibility: { tierIds: [tierId] },
    })
    .expect(201);
  return (created.body as { id: string }).id;
}

/** The same kit, published. */
export async function publishedKit(t: TestApp, marketer: TestUser, tierId: string, templateIds: Record<string, string>, slug: string): Promise<string> {
  const id = await draftKit(t, marketer, tierId, templateIds, slug);
  await t.http().post(`/api/v1/kits/${id}/publish`).set('authorization', marketer.auth).expect(200);
  return id;
}

/** A partner contact written directly (consent granted unless said otherwise); returns its id. */
export async function addContact(
  t: TestApp,
  partnerId: string,
  email: string,
  options: { timeZone?: string; consent?: 'granted' | 'pending' | 'denied'; firstName?: string; company?: string } = {},
): Promise<string> {
  const rows = await t.db.query<{ id: string }[]>(
    `INSERT INTO contacts (partner_id, email, email_normalised, first_name, company, time_zone, consent_status, origin)
     VALUES ($1, $2, lower($2), $3, $4, $5, $6, 'test') RETURNING id`,
    [partnerId, email, options.firstName ?? email.split('@')[0], options.company ?? null, options.timeZone ?? null, options.consent ?? 'granted'],
  );
  return rows[0]!.id;
}
