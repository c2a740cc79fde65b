import { Inject, Injectable, Logger } from '@nestjs/common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { BrandKitService, TemplateLoaderService } from '@app/brand';
import { APP_CONFIG, AppConfig, Clock, hashPassword, Principal, Role, SystemStateService } from '@app/core';
import { KitService, LaunchService } from '@app/campaigns';
import { AudienceService, ContactService } from '@app/contacts';
import { DealService } from '@app/deals';
import { ProgramService, RequestService } from '@app/mdf';
import { SequenceService } from '@app/nurture';
import { PartnerService, Region } from '@app/partners';
import { DemoLibrary } from './demo-library';

export const DEMO_PASSWORD = 'channelkit-demo';

interface BrandKitFile {
  name: string;
  colours: { primary: string; secondary: string; accent: string; text: string; background: string };
  fonts: { heading: string; body: string };
  logo: string;
  legalFooter: string;
}
/** Bump when the seed gains content: databases seeded by an older version get the rest. */
const SEED_VERSION = 5;

const TIERS = [
  { name: 'Registered', rank: 1, defaultMdfReimbursementPct: 50, attributes: { mdfQuarterlyCents: 250_000, currency: 'USD' } },
  { name: 'Gold', rank: 2, defaultMdfReimbursementPct: 75, attributes: { mdfQuarterlyCents: 1_000_000, currency: 'USD' } },
  { name: 'Platinum', rank: 3, defaultMdfReimbursementPct: 100, attributes: { mdfQuarterlyCents: 2_500_000, currency: 'USD' } },
];

const PARTNERS: {
  slug: string;
  name: string;
  tier: string;
  region: Region;
  timeZone: string;
  website: string;
  phone: string;
  address: string;
  brandColour: string;
  status: 'prospect' | 'onboarding' | 'active' | 'inactive';
  signedAt: string;
}[] = [
  { slug: 'northwind-it', name: 'Northwind IT', tier: 'Gold', region: 'NA', timeZone: 'America/Chicago', website: 'https://northwind-it.example', phone: '+1 312 555 0142', address: '200 W Madison St, Chicago, IL 60606, USA', brandColour: '#1F3A68', status: 'active', signedAt: '2026-03-02' },
  { slug: 'bluepeak-systems', name: 'BluePeak Systems', tier: 'Platinum', region: 'NA', timeZone: 'America/Denver', website: 'https://bluepeak-systems.example', phone: '+1 303 555 0187', address: '1700 Lincoln St, Denver, CO 80203, USA', brandColour: '#1E6FD9', status: 'active', signedAt: '2025-11-18' },
  { slug: 'harbor-digital', name: 'Harbor Digital', tier: 'Registered', region: 'EMEA', timeZone: 'Europe/London', website: 'https://harbor-digital.example', phone: '+44 20 7946 0321', address: '12 Wharf Road, London N1 7GR, United Kingdom', brandColour: '#0F8B8D', status: 'onboarding', signedAt: '2026-10-15' },
  { slug: 'sakura-solutions', name: 'Sakura Solutions', tier: 'Gold', region: 'APAC', timeZone: 'Asia/Tokyo', website: 'https://sakura-solutions.example', phone: '+81 3 5555 0199', address: '1-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan', brandColour: '#D6457A', status: 'active', signedAt: '2026-05-11' },
  { slug: 'andes-cloudworks', name: 'Andes Cloudworks', tier: 'Registered', region: 'LATAM', timeZone: 'America/Santiago', website: 'https://andes-cloudworks.example', phone: '+56 2 2555 0110', address: 'Av. Apoquindo 3000, Las Condes, Santiago, Chile', brandColour: '#E0702B', status: 'active', signedAt: '2026-08-20' },
  { slug: 'nordlys-consulting', name: 'Nordlys Consulting', tier: 'Platinum', region: 'EMEA', timeZone: 'Europe/Oslo', website: 'https://nordlys-consulting.example', phone: '+47 22 55 01 23', address: 'Karl Johans gate 10, 0154 Oslo, Norway', brandColour: '#3C9D6E', status: 'active', signedAt: '2025-09-01' },
];

export const DEMO_USERS: { email: string; name: string; role: Role; partner?: string }[] = [
  { email: 'admin@acme-cloud.example', name: 'Avery Admin', role: 'vendor_admin' },
  { email: 'marketer@acme-cloud.example', name: 'Morgan Marketer', role: 'vendor_marketer' },
  { email: 'channel@acme-cloud.example', name: 'Casey Channel', role: 'channel_manager' },
  { email: 'finance@acme-cloud.example', name: 'Frankie Finance', role: 'finance' },
  { email: 'admin@northwind-it.example', name: 'Nina Northwind', role: 'partner_admin', partner: 'northwind-it' },
  { email: 'user@northwind-it.example', name: 'Noah Northwind', role: 'partner_user', partner: 'northwind-it' },
  { email: 'admin@bluepeak-systems.example', name: 'Blake BluePeak', role: 'partner_admin', partner: 'bluepeak-systems' },
];

/** Northwind IT's demo contacts, all with consent: the audience of its launch's email. */
const DEMO_CONTACTS = [
  { email: 'dana.reyes@contoso-logistics.example', firstName: 'Dana', lastName: 'Reyes', company: 'Contoso Logistics', title: 'IT Director', timeZone: 'America/Chicago' },
  { email: 'sam.okafor@fabrikam-health.example', firstName: 'Sam', lastName: 'Okafor', company: 'Fabrikam Health', title: 'Infrastructure Lead', timeZone: 'America/New_York' },
  { email: 'lee.chen@tailspin-retail.example', firstName: 'Lee', lastName: 'Chen', company: 'Tailspin Retail', title: 'CTO', timeZone: 'America/Los_Angeles' },
  { email: 'maria.santos@wingtip-foods.example', firstName: 'Maria', lastName: 'Santos', company: 'Wingtip Foods', title: 'Systems Manager', timeZone: 'America/Chicago' },
];

const DEMO_KIT = {
  slug: 'backup-5-launch',
  category: 'product-launch',
  name: 'Acme Cloud Backup 5 launch',
  description: 'Everything to launch Backup 5 to your customers: announcement email, follow-up, trial landing page, social banner and post.',
  objective: 'Book demos and trials of Acme Cloud Backup 5',
  templates: ['product-launch', 'follow-up', 'backup-5-trial', 'social-banner-1200x628', 'backup-5-announcement'],
  destinations: [
    { key: 'product', url: 'https://www.acme-cloud.example/backup-5', label: 'Backup 5 product page' },
    { key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Free trial' },
  ],
};

/** The demo partner program ("Acme Cloud"), loaded on first run. Safe to run again: it upserts. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnerService,
    private readonly state: SystemStateService,
    private readonly brand: BrandKitService,
    private readonly templates: TemplateLoaderService,
    private readonly kits: KitService,
    private readonly launches: LaunchService,
    private readonly contacts: ContactService,
    private readonly audiences: AudienceService,
    private readonly sequences: SequenceService,
    private readonly deals: DealService,
    private readonly mdfPrograms: ProgramService,
    private readonly mdfRequests: RequestService,
    private readonly library: DemoLibrary,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seeds unless this database was seeded already; returns whether it seeded. */
  async seedOnce(): Promise<boolean> {
    const done = await this.state.get<{ version: number }>('demo-seed');
    if (done && done.value.version >= SEED_VERSION) return false;
    await this.seed();
    return true;
  }

  async seed(): Promise<void> {
    const brandKit = JSON.parse(await fs.readFile(path.join(this.config.assetsDir, 'vendor', 'brand-kit.json'), 'utf8')) as BrandKitFile;
    await this.state.set('vendor', { name: brandKit.name });
    const tierIds = new Map<string, string>();
    for (const tier of TIERS) {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `INSERT INTO tiers (name, rank, default_mdf_reimbursement_pct, attributes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET rank = EXCLUDED.rank RETURNING id`,
        [tier.name, tier.rank, tier.defaultMdfReimbursementPct, JSON.stringify(tier.attributes)],
      );
      tierIds.set(tier.name, rows[0]!.id);
    }
    const partnerIds = new Map<string, string>();
    for (const p of PARTNERS) {
      const rows = await this.dataSource.query<{ id: string; logo_key: string | null }[]>(
        `INSERT INTO partners (name, slug, tier_id, region, website, phone, address, time_zone, brand_colour, legal_disclaimer, status, signed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id, logo_key`,
        [p.name, p.slug, tierIds.get(p.tier), p.region, p.website, p.phone, p.address, p.timeZone, p.brandColour,
          `${p.name} is an authorised Acme Cloud partner. Offers are subject to availability and local terms.`, p.status, p.signedAt],
      );
      partnerIds.set(p.slug, rows[0]!.id);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let adminId: string | undefined;
    for (const u of DEMO_USERS) {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `INSERT INTO users (email, name, role, partner_id, password_hash, status) VALUES ($1, $2, $3, $4, $5, 'active')
         ON CONFLICT (lower(email)) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [u.email, u.name, u.role, u.partner ? partnerIds.get(u.partner) : null, passwordHash],
      );
      if (u.role === 'vendor_admin') adminId = rows[0]!.id;
    }
    const seeder: Principal = {
      userId: adminId!,
      email: DEMO_USERS[0]!.email,
      name: DEMO_USERS[0]!.name,
      role: 'vendor_admin',
      partnerId: null,
      tokenId: 'seed',
      tokenKind: 'session',
    };
    for (const p of PARTNERS) {
      const logo = await fs.readFile(path.join(this.config.assetsDir, 'partners', `${p.slug}.png`));
      await this.partners.setLogo(seeder, partnerIds.get(p.slug)!, logo);
    }
    const kit = await this.brand.current();
    if (kit.version === 0 || kit.name !== brandKit.name) {
      await this.brand.update(seeder, { name: brandKit.name, colours: brandKit.colours, fonts: brandKit.fonts, legalFooter: brandKit.legalFooter });
      await this.brand.setLogo(seeder, await fs.readFile(path.join(this.config.assetsDir, brandKit.logo)));
    }
    const published = await this.templates.loadDirectory(this.config.templatesDir, seeder);
    const marketer = (await this.dataSource.query<{ id: string; email: string; name: string }[]>(`SELECT id, email, name FROM users WHERE lower(email) = 'marketer@acme-cloud.example'`))[0]!;
    const assets = await this.library.seed({ userId: marketer.id, email: marketer.email, name: marketer.name, role: 'vendor_marketer', partnerId: null, tokenId: 'seed', tokenKind: 'session' });
    const campaign = await this.seedCampaign(seeder, partnerIds.get('northwind-it')!, [assets.get('Backup 5 datasheet')!, assets.get('Backup 5 launch deck (launch pricing)')!]);
    await this.seedDealsAndMdf(seeder, partnerIds.get('northwind-it')!, tierIds);
    await this.state.set('demo-seed', { version: SEED_VERSION });
    this.logger.log(
      `demo program seeded: ${TIERS.length} tiers, ${PARTNERS.length} partners, ${DEMO_USERS.length} users, ${published.length} templates published, ` +
        `${assets.size} library assets, kit ${DEMO_KIT.slug} launched by Northwind IT${campaign.emailed ? ` emailing ${DEMO_CONTACTS.length} contacts` : ''}, nurture sequence ${campaign.sequence}`,
    );
  }

  /**
   * Deals and funds to work with: Northwind IT's approved and won registrations, BluePeak's
   * registration of the same customer waiting in the conflict queue, this quarter's MDF program
   * allocated to every partner, and Northwind's webinar request approved in part. Idempotent:
   * skipped once the quarter's program exists.
   */
  private async seedDealsAndMdf(seeder: Principal, northwindId: string, tierIds: Map<string, string>): Promise<void> {
    const now = this.clock.now();
    const quarter = Math.floor(now.getUTCMonth() / 3);
    const start = new Date(Date.UTC(now.getUTCFullYear(), quarter * 3, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), quarter * 3 + 3, 0));
    const programName = `Q${quarter + 1} ${start.getUTCFullYear()} MDF`;
    const seeded = await this.dataSource.query<unknown[]>(`SELECT 1 FROM mdf_programs WHERE name = $1`, [programName]);
    if (seeded.length > 0) return;
    const as = async (email: string): Promise<Principal> => {
      const u = (await this.dataSource.query<{ id: string; email: string; name: string; role: Role; partner_id: string | null }[]>(`SELECT id, email, name, role, partner_id FROM users WHERE lower(email) = $1`, [email]))[0]!;
      return { userId: u.id, email: u.email, name: u.name, role: u.role, partnerId: u.partner_id, tokenId: 'seed', tokenKind: 'session' };
    };
    const northwind = await as('admin@northwind-it.example');
    const bluepeak = await as('admin@bluepeak-systems.example');
    const channel = await as('channel@acme-cloud.example');
    const launchId = (await this.dataSource.query<{ id: string }[]>(`SELECT id FROM launches WHERE partner_id = $1 AND idempotency_key = 'demo-seed'`, [northwindId]))[0]?.id;
    const day = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);

    const contoso = await this.deals.register(northwind, {
      customerCompany: 'Contoso Logistics',
      customerDomain: 'contoso-logistics.example',
      contactName: 'Dana Reyes',
      contactEmail: 'dana.reyes@contoso-logistics.example',
      products: ['Acme Cloud Backup 5 Enterprise'],
      amountCents: 4_800_000,
      currency: 'USD',
      expectedCloseDate: day(60),
      notes: 'Replacing tape backups across 3 warehouses; trial started after the launch email.',
      ...(launchId ? { sourceLaunchId: launchId } : {}),
    });
    await this.deals.approve(channel, contoso.deal.id, {});
    const fabrikam = await this.deals.register(northwind, {
      customerCompany: 'Fabrikam Health',
      customerDomain: 'fabrikam-health.example',
      contactName: 'Sam Okafor',
      products: ['Acme Cloud Backup 5 Standard'],
      amountCents: 2_400_000,
      currency: 'USD',
      expectedCloseDate: day(20),
    });
    await this.deals.approve(channel, fabrikam.deal.id, {});
    await this.deals.won(northwind, fabrikam.deal.id, 2_650_000);
    // The same customer from another partner: flagged for the channel manager.
    await this.deals.register(bluepeak, { customerCompany: 'Contoso Logistics Inc.', customerDomain: 'www.contoso-logistics.example', amountCents: 3_900_000, currency: 'USD', expectedCloseDate: day(75) });

    const program = await this.mdfPrograms.create(
      seeder,
      {
        name: programName,
        periodStart: start.toISOString().slice(0, 10),
        periodEnd: end.toISOString().slice(0, 10),
        currency: 'USD',
        graceDays: 30,
        tierAmounts: TIERS.map((t) => ({ tierId: tierIds.get(t.name)!, amountCents: t.attributes.mdfQuarterlyCents })),
      },
      null,
    );
    await this.mdfPrograms.allocate(seeder, program.id, undefined, null);
    const request = await this.mdfRequests.create(
      northwind,
      {
        programId: program.id,
        activityType: 'webinar',
        description: 'Backup 5 webinar for Chicago-area manufacturers, promoted with the launch email',
        startsOn: day(10),
        endsOn: day(10),
        plannedCostCents: 800_000,
        requestedCents: 400_000,
        expectedPipelineCents: 10_000_000,
        ...(launchId ? { launchIds: [launchId] } : {}),
      },
      null,
    );
    await this.mdfRequests.approve(channel, request.id, { amountCents: 350_000 }, null);
  }

  /**
   * A published kit with its follow-up nurture sequence, launched by Northwind IT with an email to
   * its demo contacts (sent by the worker within seconds: the local inbox shows it). Idempotent: the
   * kit, the sequence and the launch are found by their slug, name and idempotency key.
   */
  private async seedCampaign(seeder: Principal, northwindId: string, assetIds: string[]): Promise<{ emailed: boolean; sequence: string }> {
    const templateIds = new Map(
      (await this.dataSource.query<{ id: string; key: string }[]>(`SELECT id, key FROM templates WHERE key = ANY($1)`, [DEMO_KIT.templates])).map((r) => [r.key, r.id]),
    );
    let kitId = (await this.dataSource.query<{ id: string }[]>(`SELECT id FROM kits WHERE slug = $1`, [DEMO_KIT.slug]))[0]?.id;
    if (!kitId) {
      const created = await this.kits.create(seeder, {
        slug: DEMO_KIT.slug,
        category: DEMO_KIT.category,
        name: DEMO_KIT.name,
        description: DEMO_KIT.description,
        objective: DEMO_KIT.objective,
        templateIds: DEMO_KIT.templates.map((key) => templateIds.get(key)!),
        destinations: DEMO_KIT.destinations,
        assetIds,
        eligibility: {},
      });
      kitId = created.kit.id;
      await this.kits.publish(seeder, kitId);
    }
    const sequenceName = 'Backup 5 follow-up';
    let sequenceId = (await this.dataSource.query<{ id: string }[]>(`SELECT id FROM sequences WHERE name = $1 AND kit_id = $2`, [sequenceName, kitId]))[0]?.id;
    if (!sequenceId) {
      const created = await this.sequences.create(seeder, {
        name: sequenceName,
        kitId,
        // A day after the lead: the partner's follow-up; then, on a weekday morning, the trial offer
        // to those who did not click it.
        steps: [
          { type: 'wait', days: 1 },
          { type: 'email', templateId: templateIds.get('follow-up') },
          { type: 'wait', until: { time: '09:30', weekdays: ['tue', 'wed', 'thu'] } },
          { type: 'branch', on: { step: 1, event: 'clicked' }, then: 4, else: 5 },
          { type: 'exit' },
          { type: 'email', templateId: templateIds.get('product-launch') },
        ],
        quietHours: { start: '20:00', end: '08:00' },
        exitOn: ['replied', 'converted', 'deal_registered'],
      });
      sequenceId = created.sequence.id;
      await this.sequences.publish(seeder, sequenceId);
    }

    const admin = (await this.dataSource.query<{ id: string; email: string; name: string }[]>(`SELECT id, email, name FROM users WHERE lower(email) = 'admin@northwind-it.example'`))[0]!;
    const partner: Principal = { userId: admin.id, email: admin.email, name: admin.name, role: 'partner_admin', partnerId: northwindId, tokenId: 'seed', tokenKind: 'session' };
    for (const c of DEMO_CONTACTS) {
      const id = await this.contacts.upsertFromLead(northwindId, { ...c, consent: 'granted' }, 'demo seed');
      await this.dataSource.query(`UPDATE contacts SET time_zone = $2 WHERE id = $1`, [id, c.timeZone]);
    }
    const existing = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM audiences WHERE partner_id = $1 AND name = 'Customers'`, [northwindId]);
    const audienceId = existing[0]?.id ?? (await this.audiences.create(partner, { name: 'Customers', filter: {} })).id;
    const { created } = await this.launches.launch(
      partner,
      kitId,
      {
        audienceId,
        edits: {
          [templateIds.get('follow-up')!]: {
            personalNote: 'Thanks for your time last week. As promised, here is the recovery playbook we discussed; I would be glad to walk your team through a restore test.',
          },
        },
      },
      'demo-seed',
    );
    return { emailed: created, sequence: sequenceName };
  }
}
