import { BlastService } from '@app/campaigns';
import { DemoSeedService } from '@app/demo';
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

  it('seeds again without a second launch, contact or sequence', async () => {
    await t.get(DemoSeedService).seed();
    const counts = await t.db.query<{ launches: number; contacts: number; sequences: number; audiences: number }[]>(
      `SELECT (SELECT count(*)::int FROM launches) AS launches, (SELECT count(*)::int FROM contacts) AS contacts,
              (SELECT count(*)::int FROM sequences WHERE kit_id IS NOT NULL) AS sequences, (SELECT count(*)::int FROM audiences) AS audiences`,
    );
    expect(counts).toEqual([{ launches: 1, contacts: 4, sequences: 1, audiences: 1 }]);
  });
});
