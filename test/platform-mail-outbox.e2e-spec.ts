import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { jobId, JobOutbox, PLATFORM_MAIL_KEEP_DAYS, PlatformMail, PlatformMailInput, QUEUE_NAMES, QueueService } from '@app/core';
import { FakeClock, makePartner, makeUser, startAnotherInstance, startTestApp, TestApp } from '@app/testing';

const DAY = 86_400_000;

function mail(to: string): PlatformMailInput {
  return { to, subject: `Hello ${to}`, html: `<p>For ${to}</p>`, text: `For ${to}`, reference: `test:${to}` };
}

/**
 * Platform mail (invitations, notices, test sends) is recorded in the transaction of what it tells
 * about, its send job in the job outbox, and relayed to the queue after commit. The first process here runs the api only: it records
 * and relays, but nothing in it sends, so "it crashed before relaying" is exact. The second is the
 * restarted application (api + worker) on the same database, queue and SMTP sink.
 */
describe('platform mail: recorded in the caller’s transaction, relayed after commit, sent once', () => {
  let t: TestApp;
  let restarted: INestApplication | null = null;
  const mailTo = (address: string) => t.mail.list().filter((m) => m.to.includes(address));

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-06-01T09:00:00Z'), env: { APP_ROLE: 'api' } });
  });
  afterAll(async () => {
    await restarted?.close();
    await t.close();
  });

  /** Until every recorded row is sent and no send job is left on the queue. */
  async function settled(): Promise<void> {
    const queue = t.get(QueueService).queue(QUEUE_NAMES.email);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const unsent = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM platform_mail_outbox WHERE sent_at IS NULL`);
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      if (unsent[0]!.n === 0 && !jobs.some((j) => j.name === 'send-mail')) return;
      if (Date.now() > deadline) throw new Error(`platform mail still unsent after 20 s (${unsent[0]!.n} rows)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('is sent exactly once after a crash between recording it and relaying it', async () => {
    const id = await t.db.transaction((m) => t.get(PlatformMail).queue(m, mail('crash@outbox.example')));
    // The process stops here, before it wakes the relay: the email and its job wait in the outboxes, unsent.
    const pending = await t.db.query<{ job_name: string; relayed_at: Date | null }[]>(`SELECT job_name, relayed_at FROM job_outbox WHERE job_id = $1`, [jobId('platform-mail', id!)]);
    expect(pending).toEqual([{ job_name: 'send-mail', relayed_at: null }]);
    expect(mailTo('crash@outbox.example')).toHaveLength(0);

    restarted = await startAnotherInstance(t, { role: 'all' });
    await t.mail.waitFor((m) => m.to.includes('crash@outbox.example'));
    await settled();
    // More relays (another restart, the repeatable relay) find nothing left to send.
    await Promise.all([restarted.get(JobOutbox).relay(), t.get(JobOutbox).relay()]);
    await settled();
    expect(mailTo('crash@outbox.example')).toHaveLength(1);
    expect(mailTo('crash@outbox.example')[0]!.text).toContain('For crash@outbox.example');
  });

  it('never sends mail recorded in a transaction that rolled back', async () => {
    const platformMail = t.get(PlatformMail);
    await expect(
      t.db.transaction(async (m) => {
        await platformMail.queue(m, mail('rolled-back@outbox.example'));
        throw new Error('the change the email was about failed');
      }),
    ).rejects.toThrow('the change the email was about failed');
    await platformMail.wake();
    await t.db.transaction((m) => platformMail.queue(m, mail('committed@outbox.example')));
    await platformMail.wake();

    await t.mail.waitFor((m) => m.to.includes('committed@outbox.example'));
    await settled();
    expect(mailTo('rolled-back@outbox.example')).toHaveLength(0);
    expect(mailTo('committed@outbox.example')).toHaveLength(1);
  });

  it('sends each email once when relays of two processes run at the same time', async () => {
    const addresses = Array.from({ length: 40 }, (_, i) => `many-${i}@outbox.example`);
    await t.db.transaction(async (m) => {
      for (const address of addresses) await t.get(PlatformMail).queue(m, mail(address));
    });
    const relays = await Promise.all([t.get(JobOutbox).relay(), restarted!.get(JobOutbox).relay(), t.get(JobOutbox).relay(), restarted!.get(JobOutbox).relay()]);
    // Each row went to the queue once, by one relay (the worker's repeatable relay may have taken some).
    expect(relays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(addresses.length);
    await settled();
    for (const address of addresses) expect(mailTo(address)).toHaveLength(1);
  });

  it('does not send again when a send job runs twice (a relay that died after queueing, before its commit)', async () => {
    const id = await t.db.transaction((m) => t.get(PlatformMail).queue(m, mail('twice@outbox.example')));
    await t.get(PlatformMail).wake();
    await t.mail.waitFor((m) => m.to.includes('twice@outbox.example'));
    await settled();
    // The queue no longer knows the first job: a second one with the same row arrives under another id.
    await t.get(QueueService).enqueue('send-mail', { outboxId: id!, reference: 'test:twice' }, { jobId: jobId('platform-mail', id!, 'again') });
    await settled();
    expect(mailTo('twice@outbox.example')).toHaveLength(1);
  });

  it('ignores a second recording with the same dedupe key', async () => {
    const key = `notice.${randomBytes(4).toString('hex')}`;
    const first = await t.get(PlatformMail).queue(null, { ...mail('once@outbox.example'), dedupeKey: key });
    const second = await t.get(PlatformMail).queue(null, { ...mail('once@outbox.example'), dedupeKey: key });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    await t.mail.waitFor((m) => m.to.includes('once@outbox.example'));
    await settled();
    expect(mailTo('once@outbox.example')).toHaveLength(1);
  });

  it('sends an invitation made through the api process, and keeps no copy of its one-time link', async () => {
    const partner = await makePartner(t, { name: `Outbox Partner ${randomBytes(2).toString('hex')}` });
    const admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    const email = `invitee-${randomBytes(4).toString('hex')}@outbox.example`;
    await t.http().post(`/api/v1/partners/${partner.id}/users`).set('Authorization', admin.auth).send({ email, name: 'Ida Invitee', role: 'partner_user' }).expect(201);
    const invite = await t.mail.waitFor((m) => m.to.includes(email));
    await settled();
    expect(mailTo(email)).toHaveLength(1);
    const token = /\/invite\/(ck_inv_[\w-]+)/.exec(invite.text)?.[1];
    expect(token).toBeDefined();
    const rows = await t.db.query<{ body_html: string; body_text: string; sent_at: Date | null }[]>(`SELECT body_html, body_text, sent_at FROM platform_mail_outbox WHERE to_address = $1`, [email]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sent_at).not.toBeNull();
    expect(JSON.stringify(rows)).not.toContain(token!);
  });

  it(`forgets sent mail ${PLATFORM_MAIL_KEEP_DAYS} days after recording it, and keeps recent mail`, async () => {
    const addresses = async () => (await t.db.query<{ to_address: string }[]>(`SELECT to_address FROM platform_mail_outbox`)).map((r) => r.to_address);
    expect((await addresses()).length).toBeGreaterThan(40);
    t.clock.set(new Date(t.clock.now().getTime() + (PLATFORM_MAIL_KEEP_DAYS - 1) * DAY));
    await t.get(PlatformMail).prune();
    expect((await addresses()).length).toBeGreaterThan(40);

    t.clock.set(new Date(t.clock.now().getTime() + 2 * DAY));
    await t.get(PlatformMail).queue(null, mail('later@outbox.example'));
    await t.get(PlatformMail).prune();
    expect(await addresses()).toEqual(['later@outbox.example']);
    await t.mail.waitFor((m) => m.to.includes('later@outbox.example'));
    await settled();
  });
});
