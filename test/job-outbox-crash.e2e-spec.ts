import { INestApplication } from '@nestjs/common';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { CrashPoints, jobId, JobOutbox, QUEUE_NAMES, QueueService } from '@app/core';
import { draftKit as draftKitOf, FakeClock, loadBrandAndTemplates, makePartner, makeTier, makeUser, publishedKit, startAnotherInstance, startTestApp, TestApp, TestUser } from '@app/testing';
import { publishedSequence } from './nurture-world';

const ELIGIBLE = 30;

/**
 * What must follow a commit survives the process dying. The first process runs the api only, so
 * nothing in it runs jobs; a crash point armed in it stops it right after a commit (before the
 * relay) or in the middle of a relay (jobs on the queue, rows not yet marked relayed). A fresh
 * instance with a worker then starts on the same database and queue, and the end state is what a
 * user would check: every opted-in partner launched once, the lead enrolled, the webhook delivered
 * once.
 */
describe('job outbox: nothing that must follow a commit is lost when the process dies', () => {
  let t: TestApp;
  let restarted: INestApplication | null = null;
  let marketer: TestUser;
  let manager: TestUser;
  let leadAdmin: TestUser;
  let leadPartnerSlug: string;
  let tierId: string;
  let templateIds: Record<string, string>;
  const eligible: string[] = [];
  const notEligible: string[] = [];
  const received: { eventId: string; status: string }[] = [];
  let server: http.Server;
  let dealId: string;

  const crash = () => t.get(CrashPoints);

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const draftKit = (slug: string) => draftKitOf(t, marketer, tierId, templateIds, slug, 'outbox-auto');

  async function launchesOf(kitId: string): Promise<{ partner_id: string; n: number }[]> {
    return t.db.query(`SELECT partner_id, count(*)::int AS n FROM launches WHERE kit_id = $1 GROUP BY partner_id ORDER BY partner_id`, [kitId]);
  }

  async function unrelayed(name: string): Promise<number> {
    const rows = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM job_outbox WHERE job_name = $1 AND relayed_at IS NULL`, [name]);
    return rows[0]!.n;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-11-02T09:00:00Z'), env: { APP_ROLE: 'api', SESSION_TTL_MINUTES: '1440' } });
    marketer = await makeUser(t, 'vendor_marketer');
    manager = await makeUser(t, 'channel_manager');
    const vendorAdmin = await makeUser(t, 'vendor_admin');
    tierId = (await makeTier(t, { name: 'Gold' })).id;
    const other = await makeTier(t, { name: 'Silver' });
    for (let i = 0; i < ELIGIBLE; i++) eligible.push((await makePartner(t, { tierId })).id);
    // Opted in but outside the kit's tiers, and eligible but not opted in: neither launches.
    for (let i = 0; i < 3; i++) notEligible.push((await makePartner(t, { tierId: other.id })).id);
    const notOptedIn = await makePartner(t, { tierId });
    notEligible.push(notOptedIn.id);
    await t.db.query(`INSERT INTO auto_launch_optins (partner_id, category) SELECT unnest($1::uuid[]), 'outbox-auto'`, [[...eligible, ...notEligible.slice(0, 3)]]);
    eligible.sort();

    templateIds = await loadBrandAndTemplates(t, marketer);
    const leadTier = await makeTier(t, { name: 'Lead tier' });
    const leadPartner = await makePartner(t, { tierId: leadTier.id, name: 'Northwind Systems' });
    leadPartnerSlug = leadPartner.slug;
    leadAdmin = await makeUser(t, 'partner_admin', { partnerId: leadPartner.id });
    const leadKit = await publishedKit(t, marketer, leadTier.id, templateIds, 'outbox-lead-kit');
    await publishedSequence(t, marketer, { kitId: leadKit, steps: [{ type: 'email', templateId: templateIds['product-launch'] }] });
    await t.http().post(`/api/v1/kits/${leadKit}/launches`).set('authorization', leadAdmin.auth).send({}).expect(201);

    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const event = JSON.parse(body) as { id: string; data: { status: string } };
        received.push({ eventId: event.id, status: event.data.status });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    await t.http().post('/api/v1/deals/webhooks').set('authorization', vendorAdmin.auth).send({ url }).expect(201);
    const registered = await t.http().post('/api/v1/deals').set('authorization', leadAdmin.auth).send({ customerCompany: 'Globex Corporation', customerDomain: 'globex.example', amountCents: 2_500_000, currency: 'EUR' }).expect(201);
    dealId = (registered.body as { id: string }).id;
  });
  afterAll(async () => {
    await restarted?.close();
    await t.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  let killedAfterCommit: string;
  let killedMidRelay: string;
  let leadEmail: string;

  it('a kit publish killed right after its commit has every auto-launch recorded, none lost', async () => {
    killedAfterCommit = await draftKit('outbox-after-commit');
    crash().arm('job-outbox.before-relay');
    await t.http().post(`/api/v1/kits/${killedAfterCommit}/publish`).set('authorization', marketer.auth).expect(500);

    const kit = await t.http().get(`/api/v1/kits/${killedAfterCommit}`).set('authorization', marketer.auth).expect(200);
    expect(kit.body).toMatchObject({ status: 'published', autoLaunch: { total: ELIGIBLE, launched: 0 } });
    expect(await unrelayed('auto-launch')).toBe(ELIGIBLE);
    // Publishing again is refused, as before; the launches now come from the outbox, not from a retry.
    const again = await t.http().post(`/api/v1/kits/${killedAfterCommit}/publish`).set('authorization', marketer.auth).expect(409);
    expect(again.body).toMatchObject({ code: 'NOTHING_TO_PUBLISH' });
  });

  it('a kit publish killed in the middle of its relay leaves jobs on the queue and rows not marked relayed', async () => {
    killedMidRelay = await draftKit('outbox-mid-relay');
    crash().disarm('job-outbox.before-relay');
    crash().arm('job-outbox.relay-enqueued');
    await t.http().post(`/api/v1/kits/${killedMidRelay}/publish`).set('authorization', marketer.auth).expect(500);

    const version = await t.db.query<{ id: string }[]>(`SELECT id FROM kit_versions WHERE kit_id = $1 AND status = 'published'`, [killedMidRelay]);
    const queue = t.get(QueueService).queue(QUEUE_NAMES.syndication);
    const queued = await Promise.all(eligible.map((partnerId) => queue.getJob(jobId('auto-launch', version[0]!.id, partnerId))));
    expect(queued.filter((job) => job !== undefined)).toHaveLength(ELIGIBLE);
    // The relay's commit never happened: both kits' rows are still waiting to be relayed.
    expect(await unrelayed('auto-launch')).toBe(2 * ELIGIBLE);
    crash().arm('job-outbox.before-relay');
  });

  it('a lead captured just before the process dies is recorded with its enrolment job', async () => {
    leadEmail = `lead-${randomUUID().slice(0, 8)}@outbox.example`;
    await t.http().post(`/p/${leadPartnerSlug}/outbox-lead-kit/lead`).type('form').send({ email: leadEmail, firstName: 'Lena', consent: 'on' }).expect(500);
    const leads = await t.db.query(`SELECT l.id FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE c.email = $1`, [leadEmail]);
    expect(leads).toHaveLength(1);
    expect(await unrelayed('lead-captured')).toBe(1);
  });

  it('a deal status change just before the process dies is recorded with its webhook job', async () => {
    await t.http().post(`/api/v1/deals/${dealId}/approve`).set('authorization', manager.auth).send({}).expect(500);
    const deal = await t.db.query(`SELECT status FROM deals WHERE id = $1`, [dealId]);
    expect(deal).toEqual([{ status: 'approved' }]);
    // The registration's event (before any crash) is on the queue; the approval's waits in the outbox.
    expect(await unrelayed('deal-webhook')).toBe(1);
    expect(received).toHaveLength(0);
  });

  it('a rolled-back transaction records no job', async () => {
    const id = jobId('lead-captured', randomUUID());
    await expect(
      t.db.transaction(async (m) => {
        await t.get(JobOutbox).add(m, 'lead-captured', { leadId: randomUUID() }, id);
        throw new Error('the change the job was about failed');
      }),
    ).rejects.toThrow('the change the job was about failed');
    expect(await t.db.query(`SELECT 1 FROM job_outbox WHERE job_id = $1`, [id])).toHaveLength(0);
    // A publish refused by validation rolls back too: no auto-launch is recorded for it.
    const broken = await draftKit('outbox-refused');
    await t.db.query(`UPDATE kit_versions SET destinations = destinations || destinations WHERE kit_id = $1`, [broken]);
    await t.http().post(`/api/v1/kits/${broken}/publish`).set('authorization', marketer.auth).expect(422);
    expect(await unrelayed('auto-launch')).toBe(2 * ELIGIBLE);
  });

  it('after a restart, every eligible opted-in partner is launched exactly once, the lead enrolled, the webhook delivered once', async () => {
    restarted = await startAnotherInstance(t, { role: 'all' });
    for (const kitId of [killedAfterCommit, killedMidRelay]) {
      const launched = await waitFor(`the launches of ${kitId}`, async () => {
        const rows = await launchesOf(kitId);
        return rows.length === ELIGIBLE ? rows : undefined;
      });
      expect(launched).toEqual(eligible.map((partner_id) => ({ partner_id, n: 1 })));
      const kit = await t.http().get(`/api/v1/kits/${kitId}`).set('authorization', marketer.auth).expect(200);
      expect(kit.body).toMatchObject({ autoLaunch: { total: ELIGIBLE, launched: ELIGIBLE } });
    }
    const enrolled = await waitFor('the lead’s enrolment', async () => {
      const rows = await t.db.query<{ source: string }[]>(`SELECT e.source FROM enrolments e JOIN contacts c ON c.id = e.contact_id WHERE c.email = $1`, [leadEmail]);
      return rows.length > 0 ? rows : undefined;
    });
    expect(enrolled).toEqual([{ source: 'lead' }]);
    await waitFor('the webhook deliveries', async () => (received.length >= 2 ? received : undefined));

    // More relays (another restart, the repeatable relay) and a settled queue change nothing.
    crash().disarm('job-outbox.before-relay');
    crash().disarm('job-outbox.relay-enqueued');
    await Promise.all([t.get(JobOutbox).relay(), restarted.get(JobOutbox).relay()]);
    await waitFor('an idle queue', async () => {
      const pending = await Promise.all(
        [QUEUE_NAMES.default, QUEUE_NAMES.syndication].map((name) => t.get(QueueService).queue(name).getJobs(['waiting', 'active', 'delayed', 'prioritized'])),
      );
      return pending.flat().some((job) => ['auto-launch', 'lead-captured', 'deal-webhook', 'deal-registered'].includes(job.name)) ? undefined : true;
    });
    for (const kitId of [killedAfterCommit, killedMidRelay]) expect(await launchesOf(kitId)).toEqual(eligible.map((partner_id) => ({ partner_id, n: 1 })));
    expect(await t.db.query(`SELECT 1 FROM launches WHERE partner_id = ANY($1::uuid[])`, [notEligible])).toHaveLength(0);
    expect(received.map((r) => r.status).sort()).toEqual(['approved', 'submitted']);
    expect(new Set(received.map((r) => r.eventId)).size).toBe(2);
    expect(await t.db.query(`SELECT 1 FROM job_outbox WHERE relayed_at IS NULL`)).toHaveLength(0);
  });

  it('relays each row once when relays of two processes run at the same time', async () => {
    await restarted!.close();
    // Two api processes, no worker: every relayed row is counted by exactly one of the relays.
    restarted = await startAnotherInstance(t, { role: 'api' });
    const ids = Array.from({ length: 450 }, () => randomUUID());
    await t.db.transaction((m) => t.get(JobOutbox).addMany(m, 'lead-captured', ids.map((leadId) => ({ payload: { leadId }, jobId: jobId('lead-captured', leadId) }))));
    const relays = await Promise.all([t.get(JobOutbox).relay(), restarted.get(JobOutbox).relay(), t.get(JobOutbox).relay(), restarted.get(JobOutbox).relay()]);
    expect(relays.reduce((a, b) => a + b, 0)).toBe(ids.length);
    expect(await t.db.query(`SELECT 1 FROM job_outbox WHERE relayed_at IS NULL`)).toHaveLength(0);
    const queue = t.get(QueueService).queue(QUEUE_NAMES.default);
    const jobs = await Promise.all(ids.map((leadId) => queue.getJob(jobId('lead-captured', leadId))));
    expect(jobs.filter((job) => job !== undefined)).toHaveLength(ids.length);
  });
});
