/**
 * `npm run bench:nurture`, loopback only, bounded in time and size:
 *
 * 1. Send throughput through the whole path (due nurture step → tick writes the message → claim
 *    under lock → suppression, guards and rate limits → per-recipient render → pooled SMTP →
 *    recorded as sent) against bare pooled nodemailer sending the same rendered messages to the
 *    same sink, in the same run. The sink is a counting smtp-server (it reads each message and notes
 *    its Message-ID, no MIME parsing).
 * 2. Zero duplicates: messages received equal messages due, each Message-ID once.
 * 3. The due-step query over 100,000 active enrolments with 1% due uses its partial index, and its
 *    cost follows the due count, not the total: the same 1,000 due steps are claimed among 10,000
 *    and among 100,000 enrolments (the plan is printed).
 *
 * Without DATABASE_URL it runs on an embedded cluster with fsync on, as production PostgreSQL runs.
 */
import nodemailer from 'nodemailer';
import os from 'node:os';
import path from 'node:path';
import { OutgoingMail, startEmbeddedPostgres } from '@app/core';
import { MessageRenderer, MessageSender } from '@app/mailing';
import { NurtureService } from '@app/nurture';
import {
  ADMIN_URL_ENV,
  loadBrandAndTemplates,
  makePartner,
  makeTier,
  makeUser,
  prepareTemplate,
  publishedKit,
  startTestApp,
  TEMPLATE_DB_ENV,
  TestApp,
  TestUser,
} from '@app/testing';
import { benchLine } from './load';
import { CountingSink } from './smtp-sink';

const MESSAGES = 3_000;
const POOL = 5;
/** Send jobs running at once, as the email queue's processor concurrency allows. */
const WORKERS = 4;

/** Bare pooled nodemailer: the same rendered messages, the same pool size, no database. */
async function bareSends(port: number, mails: OutgoingMail[]): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, pool: true, maxConnections: POOL, maxMessages: Infinity, ignoreTLS: true });
  const started = performance.now();
  await Promise.all(
    mails.map((m) => transport.sendMail({ from: m.from, to: m.to, replyTo: m.replyTo, subject: m.subject, html: m.html, text: m.text, messageId: m.messageId, headers: m.headers })),
  );
  const ms = performance.now() - started;
  transport.close();
  return (mails.length / ms) * 1000;
}

/** `count` consenting contacts of the partner, written in one statement; returns their ids. */
async function bulkContacts(t: TestApp, partnerId: string, count: number, tag: string): Promise<string[]> {
  const rows = await t.db.query<{ id: string }[]>(
    `INSERT INTO contacts (partner_id, email, email_normalised, first_name, consent_status, origin)
     SELECT $1, 'r' || i || '@${tag}.example', 'r' || i || '@${tag}.example', 'Reader ' || i, 'granted', 'bench' FROM generate_series(1, $2) AS i
     RETURNING id`,
    [partnerId, count],
  );
  return rows.map((r) => r.id);
}

interface World {
  t: TestApp;
  marketer: TestUser;
  admin: TestUser;
  partnerId: string;
  sequenceId: string;
}

async function world(t: TestApp): Promise<World> {
  const marketer = await makeUser(t, 'vendor_marketer');
  const tierId = (await makeTier(t)).id;
  const partner = await makePartner(t, { tierId });
  const admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  const templateIds = await loadBrandAndTemplates(t, marketer);
  const kitId = await publishedKit(t, marketer, tierId, templateIds, 'bench-kit');
  await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', admin.auth).send({}).expect(201);
  const created = await t
    .http()
    .post('/api/v1/sequences')
    .set('authorization', marketer.auth)
    .send({ name: 'Bench', kitId, steps: [{ type: 'email', templateId: templateIds['product-launch'] }, { type: 'wait', days: 3 }, { type: 'exit' }] })
    .expect(201);
  const sequenceId = (created.body as { id: string }).id;
  await t.http().post(`/api/v1/sequences/${sequenceId}/publish`).set('authorization', marketer.auth).expect(200);
  return { t, marketer, admin, partnerId: partner.id, sequenceId };
}

/** Enrols `count` new contacts (their first step, an email, due now), then ticks and sends until all went. */
async function pathSends(w: World, count: number, tag: string): Promise<{ perSecond: number; ids: string[] }> {
  const { t } = w;
  const contactIds = await bulkContacts(t, w.partnerId, count, tag);
  for (let i = 0; i < contactIds.length; i += 1000) {
    await t.http().post(`/api/v1/sequences/${w.sequenceId}/enrolments`).set('authorization', w.admin.auth).send({ contactIds: contactIds.slice(i, i + 1000) }).expect(200);
  }
  const nurture = t.get(NurtureService);
  const sender = t.get(MessageSender);
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const ticked = await nurture.tick();
      const { sent } = await sender.drain({ timeoutMs: 120_000 });
      if (ticked.processed === 0 && sent === 0) return;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const ms = performance.now() - started;
  const rows = await t.db.query<{ id: string }[]>(`SELECT m.id FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE c.email LIKE $1 AND m.status = 'sent'`, [`%@${tag}.example`]);
  if (rows.length !== count) throw new Error(`expected ${count} sent messages for ${tag}, found ${rows.length}`);
  return { perSecond: (count / ms) * 1000, ids: rows.map((r) => r.id) };
}

/** Median milliseconds of the tick's claim query (locks taken and released: rolled back). */
async function claimMs(t: TestApp, now: Date, runs = 15): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const qr = t.db.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    const started = performance.now();
    await qr.query(`SELECT id FROM enrolments WHERE status = 'active' AND NOT held AND next_step_at <= $1 ORDER BY next_step_at LIMIT 1000 FOR UPDATE SKIP LOCKED`, [now]);
    times.push(performance.now() - started);
    await qr.rollbackTransaction();
    await qr.release();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Enrolments written directly: `due` of them due a minute ago, the rest a week ahead. */
async function bulkEnrolments(w: World, total: number, due: number, tag: string): Promise<void> {
  const { t } = w;
  const contactIds = await bulkContacts(t, w.partnerId, total, tag);
  const now = t.clock.now();
  await t.db.query(
    `INSERT INTO enrolments (sequence_id, sequence_version_id, partner_id, contact_id, source, status, step_index, next_step_at, created_at, updated_at)
     SELECT s.id, s.current_version_id, $2, c.id, 'api', 'active', 1,
            CASE WHEN c.n <= $4 THEN $3::timestamptz - interval '1 minute' ELSE $3::timestamptz + interval '7 days' END, $3, $3
     FROM sequences s, (SELECT id, row_number() OVER () AS n FROM unnest($5::uuid[]) AS id) c WHERE s.id = $1`,
    [w.sequenceId, w.partnerId, now, due, contactIds],
  );
  await t.db.query('ANALYZE enrolments');
}

async function dueQueryBench(w: World): Promise<{ ratio: number; usesIndex: boolean }> {
  const { t } = w;
  const now = t.clock.now();
  await t.db.query(`UPDATE enrolments SET status = 'completed', next_step_at = NULL, ended_at = $1 WHERE status = 'active'`, [now]);
  await bulkEnrolments(w, 10_000, 1_000, 'due-10k');
  const small = await claimMs(t, now);
  await bulkEnrolments(w, 90_000, 0, 'due-100k');
  const large = await claimMs(t, now);
  const plan = await t.db.query<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM enrolments WHERE status = 'active' AND NOT held AND next_step_at <= $1 ORDER BY next_step_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
    [now],
  );
  const text = plan.map((r) => r['QUERY PLAN']).join('\n');
  console.log(`due-step claim, 1,000 due of 100,000 active enrolments:\n${text.replace(/^/gm, '  ')}`);
  console.log(`claim of the same 1,000 due steps: ${small.toFixed(2)} ms among 10,000 enrolments, ${large.toFixed(2)} ms among 100,000`);
  return { ratio: large / small, usesIndex: /Index (Only )?Scan using enrolments_due_idx/.test(text) };
}

async function main(): Promise<void> {
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), 'channelkit-bench-pg'), port: 54398, durable: true });
  const adminUrl = process.env.DATABASE_URL ?? pg!.url('postgres');
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_DB_ENV] = await prepareTemplate(adminUrl);

  const sink = new CountingSink();
  await sink.start();
  const t = await startTestApp({ env: { APP_ROLE: 'api', DATABASE_POOL_SIZE: '10', SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_POOL_SIZE: String(POOL), MAIL_RATE_PER_PARTNER_HOUR: '1000000' } });
  try {
    const w = await world(t);
    // Warm-up (compiles the template, opens the pools), then the measured run.
    await pathSends(w, 300, 'warmup');
    sink.reset();
    const ours = await pathSends(w, MESSAGES, 'measured');
    const received = sink.received;
    const distinct = sink.ids.size;
    const duplicates = [...sink.ids.values()].filter((n) => n > 1).length;

    // The baseline sends exactly what the path sent: the same rendered messages, re-rendered here.
    const renderer = t.get(MessageRenderer);
    const rows = await t.db.query<{ id: string; to_address: string; recipient: { firstName: string; lastName: string; company: string }; message_id_header: string; content_id: string }[]>(
      `SELECT id, to_address, recipient, message_id_header, content_id FROM messages WHERE id = ANY($1)`,
      [ours.ids],
    );
    const content = await renderer.prepare(rows[0]!.content_id);
    const mails = rows.map((r) => renderer.render(content, { id: r.id, to: r.to_address, recipient: r.recipient, messageIdHeader: `<bare-${r.id}@bench>` }));
    sink.reset();
    const bare = await bareSends(sink.port, mails);

    console.log(`bare pooled nodemailer  ${bare.toFixed(0)} messages/s (${POOL} connections, ${(mails[0]!.html.length / 1024).toFixed(0)} KiB HTML each)`);
    console.log(`due step → tick → claim → render → SMTP → sent  ${ours.perSecond.toFixed(0)} messages/s (${WORKERS} workers)`);
    console.log(`messages due ${MESSAGES}  received ${received}  distinct Message-IDs ${distinct}  duplicated ${duplicates}`);
    const due = await dueQueryBench(w);
    console.log(benchLine('send-path-vs-bare-nodemailer', ours.perSecond / bare, 'ratio', '>=', 0.7));
    console.log(benchLine('send-duplicates', received - MESSAGES + (MESSAGES - distinct), 'count', '<=', 0));
    console.log(benchLine('due-claim-100k-vs-10k', due.ratio, 'ratio', '<=', 1.5));
    console.log(benchLine('due-claim-uses-index', due.usesIndex ? 1 : 0, 'bool', '>=', 1));
  } finally {
    await t.close();
    await sink.stop();
    await pg?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
