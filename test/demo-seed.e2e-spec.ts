import { BlastService } from '@app/campaigns';
import { AuthService } from '@app/core';
import { DEMO_PASSWORD, DemoSeedService } from '@app/demo';
import { MessageSender } from '@app/mailing';
import { startTestApp, TestApp } from '@app/testing';

describe('demo seed: a program someone can click through on first run', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.get(DemoSeedService).seed();
  }, 120_000);
  afterAll(() => t.close());

  it('publishes a kit with its nurture sequence and launches it for Northwind IT, emailing its customers', async () => {
    const kits = await t.db.query<{ slug: string; status: string }[]>(`SELECT slug, status FROM kits`);
    expect(kits).toEqual([{ slug: 'backup-5-launch', status: 'published' }]);
    const sequences = await t.db.query<{ name: string; status: string; published: boolean }[]>(`SELECT name, status, current_version_id IS NOT NULL AS published FROM sequences WHERE kit_id IS NOT NULL`);
    expect(sequences).toEqual([{ name: 'Backup 5 follow-up', status: 'active', published: true }]);
    const launches = await t.db.query<{ blast_status: string; slug: string }[]>(`SELECT l.blast_status, p.slug FROM launches l JOIN partners p ON p.id = l.partner_id`);
    expect(launches).toEqual([{ blast_status: 'scheduled', slug: 'northwind-it' }]);

    await t.get(BlastService).expandDue();
    await t.get(MessageSender).drain();
    const customers = t.mail.list().filter((m) => m.to[0]?.endsWith('.example') && m.from.includes('Northwind IT via'));
    expect(customers.map((m) => m.to[0]).sort()).toEqual([
      'dana.reyes@contoso-logistics.example',
      'lee.chen@tailspin-retail.example',
      'maria.santos@wingtip-foods.example',
      'sam.okafor@fabrikam-health.example',
    ]);
    expect(customers[0]!.html).toContain('/l/');
  });

  it('has deals to approve and funds to spend: an approved and a won deal, a conflict in the queue, this quarter’s MDF allocated', async () => {
    const deals = await t.db.query<{ slug: string; customer_domain: string; status: string; conflict_flagged: boolean }[]>(
      `SELECT p.slug, d.customer_domain, d.status, d.conflict_flagged FROM deals d JOIN partners p ON p.id = d.partner_id ORDER BY d.created_at`,
    );
    expect(deals).toEqual([
      { slug: 'northwind-it', customer_domain: 'contoso-logistics.example', status: 'approved', conflict_flagged: false },
      { slug: 'northwind-it', customer_domain: 'fabrikam-health.example', status: 'won', conflict_flagged: false },
      { slug: 'bluepeak-systems', customer_domain: 'contoso-logistics.example', status: 'submitted', conflict_flagged: true },
    ]);
    // The program is the seed day's quarter (2026-11-02 in the test clock: Q4 2026).
    const accounts = await t.db.query<{ name: string; partners: number; allocated: string }[]>(
      `SELECT g.name, count(DISTINCT a.partner_id)::int AS partners, sum(e.amount_cents) FILTER (WHERE e.kind = 'allocate') AS allocated
       FROM mdf_programs g JOIN mdf_fund_accounts a ON a.program_id = g.id JOIN mdf_ledger_entries e ON e.account_id = a.id GROUP BY g.name`,
    );
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ name: 'Q4 2026 MDF', partners: 6 });
    const requests = await t.db.query<{ status: string; approved_cents: string }[]>(`SELECT status, approved_cents FROM mdf_requests`);
    expect(requests).toEqual([{ status: 'approved', approved_cents: '350000' }]);
  });

  it('fills the asset library: a partner finds the datasheet, the expiring deck names its scheduled successor, the launch uses both', async () => {
    const { session } = await t.get(AuthService).login('admin@northwind-it.example', DEMO_PASSWORD, '127.0.0.1');
    const auth = `Bearer ${session.token}`;
    const library = (await t.http().get('/api/v1/library').set('authorization', auth).expect(200)).body as { items: { title: string; type: string; expiresAt: string | null }[] };
    // The 2027 deck publishes in two weeks: not in the library yet.
    expect(library.items.map((i) => i.title).sort()).toEqual(['Backup 5 datasheet', 'Backup 5 launch deck (launch pricing)', 'Backup 5 product shot', 'Partner program terms 2026']);
    const statuses = await t.db.query<{ title: string; status: string; successor: string | null; versions: number }[]>(
      `SELECT a.title, a.status, s.title AS successor, (SELECT count(*)::int FROM asset_versions v WHERE v.asset_id = a.id) AS versions
         FROM assets a LEFT JOIN assets s ON s.id = a.successor_id ORDER BY a.title`,
    );
    expect(statuses).toEqual([
      { title: 'Backup 5 datasheet', status: 'live', successor: null, versions: 1 },
      { title: 'Backup 5 launch deck (2027)', status: 'scheduled', successor: null, versions: 1 },
      { title: 'Backup 5 launch deck (launch pricing)', status: 'expiring', successor: 'Backup 5 launch deck (2027)', versions: 1 },
      { title: 'Backup 5 product shot', status: 'live', successor: null, versions: 1 },
      { title: 'Partner program terms 2026', status: 'live', successor: null, versions: 1 },
    ]);
    const usedByLaunch = await t.db.query<{ title: string }[]>(
      `SELECT a.title FROM asset_usages u JOIN assets a ON a.id = u.asset_id WHERE u.kind = 'launch' AND u.active ORDER BY a.title`,
    );
    expect(usedByLaunch.map((u) => u.title)).toEqual(['Backup 5 datasheet', 'Backup 5 launch deck (launch pricing)']);
  });

  it('seeds again without a second launch, contact or sequence', async () => {
    await t.get(DemoSeedService).seed();
    const counts = await t.db.query<{ launches: number; contacts: number; sequences: number; audiences: number }[]>(
      `SELECT (SELECT count(*)::int FROM launches) AS launches, (SELECT count(*)::int FROM contacts) AS contacts,
              (SELECT count(*)::int FROM sequences WHERE kit_id IS NOT NULL) AS sequences, (SELECT count(*)::int FROM audiences) AS audiences`,
    );
    expect(counts).toEqual([{ launches: 1, contacts: 4, sequences: 1, audiences: 1 }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM deals`)).toEqual([{ n: 3 }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM mdf_programs`)).toEqual([{ n: 1 }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM assets`)).toEqual([{ n: 5 }]);
  });
});
