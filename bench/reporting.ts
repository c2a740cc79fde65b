/**
 * `npm run bench:reporting`, loopback only, bounded in time and size: the vendor's partners list
 * (`GET /api/v1/reporting/partners`) over a program of 2,000 partners in 3 tiers.
 *
 * Seeded in SQL, not factories (see `seed`): per active partner a few launches of a dozen kits,
 * 7 trackable links per launch with ~20 clicks each (about one in eight from bots, some from mail
 * scanners, in arrival order as the flusher writes them), leads per launch, deals with the first
 * some days after signing (a few registered before it), MDF requests and claims for a third of the
 * partners, and its users' sign-ins; prospects, partners still onboarding, inactive ones and one
 * active partner in ten have none of it.
 *
 * 1. The first page (limit 25) as a vendor user over HTTP, median and p95, sorted by name (only
 *    the page's partners are measured), by last activity (every figure of every partner) and by
 *    time to first deal (every partner's deals, then the page's figures), against the plain
 *    partners list (`GET /api/v1/partners?limit=25`) in the same run, the requests of the four
 *    interleaved.
 * 2. The plan of the repository's own query (captured as the endpoint runs it) for each sort: every
 *    lateral must scan an index that starts with partner_id (link_id for clicks), and no table of a
 *    lateral may be read whole.
 *
 * Without DATABASE_URL it runs on an embedded cluster with fsync on (see ./app.ts).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { QueryRunner } from 'typeorm';
import { makeTier, makeUser, TestApp } from '@app/testing';
import { runBench } from './app';
import { benchLine } from './load';

const PARTNERS = 2_000;
const PAGE = 25;
const WARMUP = 5;
const RUNS = 40;

/** The partners of the seed with their number `g`, signing instant and whether they have any activity. */
const BENCH_PARTNERS = `bp AS (
  SELECT id, split_part(slug, '-', 3)::int AS g, signed_at::timestamp AT TIME ZONE 'UTC' AS signed_ts,
         status = 'active' AND split_part(slug, '-', 3)::int % 10 <> 7 AS active, status
  FROM partners WHERE slug LIKE 'bench-partner-%')`;

/** A deterministic pseudo-random integer in [0, n) from a text seed. */
const rnd = (seed: string, n: number) => `(abs(hashtext(${seed})) % ${n})`;

async function seed(t: TestApp): Promise<void> {
  const now = t.clock.now();
  const tiers = [await makeTier(t, { name: 'Gold' }), await makeTier(t, { name: 'Silver' }), await makeTier(t, { name: 'Registered' })];
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);

  // 10% Gold, 30% Silver, 60% Registered; 5% prospects, 5% onboarding (neither signed), 5% inactive.
  await q(
    `INSERT INTO partners (name, slug, tier_id, region, status, signed_at)
     SELECT (ARRAY['Alder','Birch','Cedar','Dogwood','Elm','Fir','Ginkgo','Hazel','Ivy','Juniper','Kauri','Larch','Maple',
                   'Nutmeg','Oak','Pine','Quince','Rowan','Spruce','Teak','Umbrella','Viburnum','Willow','Xylo','Yew','Zelkova'])[1 + g % 26]
            || ' ' || (ARRAY['Networks','Systems','Solutions','IT','Digital','Cloud','Consulting','Group'])[1 + (g / 26) % 8] || ' ' || g,
            'bench-partner-' || g,
            (CASE WHEN g % 10 = 0 THEN $2 WHEN g % 10 <= 3 THEN $3 ELSE $4 END)::uuid,
            (ARRAY['NA','LATAM','EMEA','APAC'])[1 + g % 4],
            CASE g % 20 WHEN 0 THEN 'prospect' WHEN 1 THEN 'onboarding' WHEN 2 THEN 'inactive' ELSE 'active' END,
            CASE WHEN g % 20 IN (0, 1) THEN NULL ELSE ($1::timestamptz - make_interval(days => 30 + ${rnd(`'signed' || g`, 700)}))::date END
     FROM generate_series(1, ${PARTNERS}) g`,
    [now, tiers[0]!.id, tiers[1]!.id, tiers[2]!.id],
  );
  // Two users a partner (prospects have none); the admin of an active partner signed in within ~2 months.
  await q(
    `WITH ${BENCH_PARTNERS}
     INSERT INTO users (email, name, role, partner_id, status, last_login_at)
     SELECT 'user' || u || '.' || bp.g || '@bench-partner.test', 'User ' || u || ' of ' || bp.g, CASE u WHEN 1 THEN 'partner_admin' ELSE 'partner_user' END,
            bp.id, 'active', CASE WHEN bp.active AND (u = 1 OR bp.g % 3 = 0) THEN $1::timestamptz - make_interval(hours => ${rnd(`'login' || u || '.' || bp.g`, 1500)}) END
     FROM bp CROSS JOIN generate_series(1, 2) u WHERE bp.status <> 'prospect'`,
    [now],
  );
  await q(
    `WITH k AS (INSERT INTO kits (slug, category, status) SELECT 'bench-kit-' || k, (ARRAY['product-launch','webinar','event'])[1 + k % 3], 'published'
                FROM generate_series(1, 12) k RETURNING id, slug)
     INSERT INTO kit_versions (kit_id, version, status, name, published_at) SELECT id, 1, 'published', 'Kit ' || slug, $1::timestamptz - interval '800 days' FROM k`,
    [now],
  );
  // 1 to 5 launches of distinct kits per active partner, between signing and now; the first of three or more ended.
  await q(
    `WITH ${BENCH_PARTNERS}
     INSERT INTO launches (kit_id, kit_version_id, partner_id, status, mode, created_at, updated_at)
     SELECT kv.kit_id, kv.id, bp.id, CASE WHEN i = 1 AND c.n > 2 THEN 'ended' ELSE 'active' END, 'partner', ts.at, ts.at
     FROM bp
     CROSS JOIN LATERAL (SELECT 1 + ${rnd(`'launches' || bp.g`, 5)} AS n) c
     CROSS JOIN LATERAL generate_series(1, c.n) i
     JOIN kits k ON k.slug = 'bench-kit-' || (1 + (bp.g + i) % 12)
     JOIN kit_versions kv ON kv.kit_id = k.id
     CROSS JOIN LATERAL (SELECT bp.signed_ts + ($1::timestamptz - bp.signed_ts) * (${rnd(`'launch' || i || '.' || bp.g`, 1000)} / 1000.0) AS at) ts
     WHERE bp.active`,
    [now],
  );
  await q(
    `INSERT INTO trackable_links (code, partner_id, launch_id, asset_key, medium, destination_url, utm_source, utm_campaign, created_at, updated_at)
     SELECT substr(md5(l.id::text || ':' || j), 1, 16), l.partner_id, l.id, 'asset-' || j, (ARRAY['email','social','banner','landing'])[1 + j % 4],
            'https://vendor.example/offer/' || j, 'partner', 'bench', l.created_at, l.created_at
     FROM launches l CROSS JOIN generate_series(1, 7) j`,
  );
  // 0 to 40 clicks a link, after it was created; 12% bots, mail scanners on email links. Written in
  // time order, as the click flusher writes them.
  await q(
    `INSERT INTO link_clicks (click_id, link_id, partner_id, launch_id, asset_key, at, ip_hash, ua_family, outcome, bot, scanner, is_unique)
     SELECT gen_random_uuid(), tl.id, tl.partner_id, tl.launch_id, tl.asset_key, tl.created_at + ($1::timestamptz - tl.created_at) * (r.x / 10000.0),
            md5(tl.id::text || c), CASE WHEN r.b < 12 THEN 'Googlebot' ELSE 'Chrome' END, 'redirect', r.b < 12, tl.medium = 'email' AND r.b BETWEEN 12 AND 16, r.b % 3 = 0
     FROM trackable_links tl
     CROSS JOIN LATERAL generate_series(1, ${rnd('tl.id::text', 41)}) c
     CROSS JOIN LATERAL (SELECT ${rnd(`tl.id::text || 'at' || c`, 10000)} AS x, ${rnd(`tl.id::text || 'bot' || c`, 100)} AS b) r
     ORDER BY 6`,
    [now],
  );
  await q(
    `INSERT INTO leads (partner_id, launch_id, consent, source, created_at)
     SELECT l.partner_id, l.id, 'granted', 'landing_page', l.created_at + ($1::timestamptz - l.created_at) * (${rnd(`l.id::text || 'lead' || j`, 1000)} / 1000.0)
     FROM launches l CROSS JOIN LATERAL generate_series(1, ${rnd(`l.id::text || 'leads'`, 6)}) j`,
    [now],
  );
  // Up to 12 deals an active partner: the first 3 to 122 days after signing, then every 5 to 34 days
  // until now; one partner in thirteen registered one 10 days before signing.
  const deal = (at: string, j: string) =>
    `SELECT bp.id, 'Customer ' || bp.g || '-' || ${j}, 'customer-' || bp.g || '-' || ${j} || '.example', 'customer ' || bp.g || ' ' || ${j}, 100000 * (1 + bp.g % 20), 'USD',
            CASE WHEN ${j} % 3 = 0 THEN 'approved' ELSE 'submitted' END, CASE WHEN ${j} % 3 = 0 THEN ${at} + interval '90 days' END, ${at}, ${at}`;
  await q(
    `WITH ${BENCH_PARTNERS}
     INSERT INTO deals (partner_id, customer_company, customer_domain, company_key, amount_cents, currency, status, protected_until, created_at, updated_at)
     ${deal('d.at', 'j')}
     FROM bp
     CROSS JOIN LATERAL generate_series(1, ${rnd(`'deals' || bp.g`, 13)}) j
     CROSS JOIN LATERAL (
       SELECT bp.signed_ts + make_interval(days => 3 + ${rnd(`'gap' || bp.g`, 120)} + (j - 1) * (5 + ${rnd(`'spacing' || bp.g`, 30)}), hours => ${rnd(`'hour' || bp.g || '.' || j`, 24)}) AS at) d
     WHERE bp.active AND d.at < $1::timestamptz
     UNION ALL
     ${deal(`(bp.signed_ts - interval '10 days')`, '0')}
     FROM bp WHERE bp.active AND bp.g % 13 = 0`,
    [now],
  );
  // MDF: a third of the active partners hold a fund; 1 to 3 requests each, the first approved; half
  // of those partners claimed it.
  await q(`INSERT INTO mdf_programs (name, period_start, period_end, currency) VALUES ('Bench FY', ($1::timestamptz - interval '300 days')::date, ($1::timestamptz + interval '65 days')::date, 'USD')`, [now]);
  await q(
    `WITH ${BENCH_PARTNERS}
     INSERT INTO mdf_fund_accounts (program_id, partner_id, currency, allocated_cents)
     SELECT (SELECT id FROM mdf_programs WHERE name = 'Bench FY'), bp.id, 'USD', 5000000 FROM bp WHERE bp.active AND bp.g % 3 = 0`,
  );
  await q(
    `WITH ${BENCH_PARTNERS}
     INSERT INTO mdf_requests (program_id, partner_id, account_id, activity_type, description, starts_on, ends_on, currency, planned_cost_cents,
                               requested_cents, approved_cents, status, submitted_by, submitted_at, decided_at)
     SELECT a.program_id, a.partner_id, a.id, 'webinar', 'Webinar ' || r, (s.at + interval '14 days')::date, (s.at + interval '15 days')::date, 'USD', 400000,
            200000, CASE WHEN r = 1 THEN 200000 END, CASE WHEN r = 1 THEN 'approved' ELSE 'submitted' END, u.id, s.at, CASE WHEN r = 1 THEN s.at + interval '2 days' END
     FROM mdf_fund_accounts a
     JOIN bp ON bp.id = a.partner_id
     JOIN users u ON u.partner_id = bp.id AND u.role = 'partner_admin'
     CROSS JOIN LATERAL generate_series(1, 1 + ${rnd(`'requests' || bp.g`, 3)}) r
     CROSS JOIN LATERAL (SELECT bp.signed_ts + ($1::timestamptz - bp.signed_ts) * (${rnd(`'request' || r || '.' || bp.g`, 900)} / 1000.0) AS at) s`,
    [now],
  );
  await q(
    `WITH ${BENCH_PARTNERS}
     INSERT INTO mdf_claims (request_id, program_id, partner_id, currency, actual_spend_cents, idempotency_key, submitted_by, submitted_at)
     SELECT r.id, r.program_id, r.partner_id, 'USD', 180000, 'claim-' || r.id, r.submitted_by, r.submitted_at + ($1::timestamptz - r.submitted_at) / 2
     FROM mdf_requests r JOIN bp ON bp.id = r.partner_id WHERE r.status = 'approved' AND bp.g % 2 = 0`,
    [now],
  );
  await q('VACUUM ANALYZE');
  const counts = await t.db.query<Record<string, string>[]>(
    `SELECT (SELECT count(*) FROM partners) AS partners, (SELECT count(*) FROM users WHERE partner_id IS NOT NULL) AS users, (SELECT count(*) FROM launches) AS launches,
            (SELECT count(*) FROM trackable_links) AS links, (SELECT count(*) FROM link_clicks) AS clicks, (SELECT count(*) FROM leads) AS leads,
            (SELECT count(*) FROM deals) AS deals, (SELECT count(*) FROM mdf_requests) AS mdf_requests, (SELECT count(*) FROM mdf_claims) AS mdf_claims`,
  );
  console.log(`seeded: ${Object.entries(counts[0]!).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

interface Page {
  items: { lastActivityAt?: string | null; timeToFirstDealDays?: number | null }[];
  total?: number;
}

function client(base: string, auth: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string): Promise<{ ms: number; page: Page }> => {
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
      http
        .get(`${base}${path}`, { agent, headers: { authorization: auth } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) return reject(new Error(`GET ${path} answered ${res.statusCode}: ${body.slice(0, 300)}`));
            resolve({ ms, page: JSON.parse(body) as Page });
          });
        })
        .on('error', reject);
    });
  };
  return { get, close: () => agent.destroy() };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

interface Timing {
  median: number;
  p95: number;
}

/** Every request of `paths` once per round, in turn, so drift during the run hits them all alike. */
async function measure(get: (path: string) => Promise<{ ms: number; page: Page }>, paths: Record<string, string>): Promise<Record<string, Timing>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const [name, path] of Object.entries(paths)) {
      const { ms } = await get(path);
      if (round >= WARMUP) times[name]!.push(ms);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, list]) => {
      list.sort((a, b) => a - b);
      return [name, { median: quantile(list, 0.5), p95: quantile(list, 0.95) }];
    }),
  );
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Tables read by a lateral of the query, and the column their index must start with. */
const LATERALS: Record<string, string> = {
  deals: 'partner_id',
  launches: 'partner_id',
  leads: 'partner_id',
  trackable_links: 'partner_id',
  link_clicks: 'link_id',
  mdf_requests: 'partner_id',
  mdf_claims: 'partner_id',
  users: 'partner_id',
};

/** Explains `sql` and says, per lateral table, which indexes it scans and whether any fails the rule. */
async function checkPlan(t: TestApp, label: string, sql: string, params: unknown[]): Promise<boolean> {
  const indexes = await t.db.query<{ index: string; table: string; first: string }[]>(
    `SELECT c.relname AS index, r.relname AS table, a.attname AS first
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class r ON r.oid = i.indrelid
     JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = i.indkey[0]
     WHERE r.relname = ANY($1)`,
    [Object.keys(LATERALS)],
  );
  const byName = new Map(indexes.map((i) => [i.index, i]));
  const [row] = await t.db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const used = new Map<string, Set<string>>();
  const seqScans = new Set<string>();
  const walk = (node: PlanNode) => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) seqScans.add(node['Relation Name']);
    const index = node['Index Name'] ? byName.get(node['Index Name']) : undefined;
    if (index) used.set(index.table, (used.get(index.table) ?? new Set()).add(`${index.index}(${index.first}…)`));
    node.Plans?.forEach(walk);
  };
  walk(row!['QUERY PLAN'][0]!.Plan);
  let ok = true;
  console.log(`plan of the ${label} page:`);
  for (const [table, first] of Object.entries(LATERALS)) {
    const scans = [...(used.get(table) ?? [])];
    const good = scans.length > 0 && scans.every((s) => byName.get(s.split('(')[0]!)?.first === first) && !seqScans.has(table);
    ok &&= good;
    console.log(`  ${good ? 'ok     ' : 'MISSING'} ${table}: ${scans.join(', ') || 'no index'}${seqScans.has(table) ? ', Seq Scan' : ''}`);
  }
  return ok;
}

runBench({ APP_ROLE: 'api', DATABASE_POOL_SIZE: '10', SESSION_TTL_MINUTES: '1440' }, async (t) => {
  const seedStarted = performance.now();
  await seed(t);
  console.log(`seed took ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  const vendor = await makeUser(t, 'channel_manager');
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const { get, close } = client(`http://127.0.0.1:${port}`, vendor.auth);

  const paths = {
    plain: `/api/v1/partners?limit=${PAGE}`,
    name: `/api/v1/reporting/partners?limit=${PAGE}&sort=name`,
    lastActivity: `/api/v1/reporting/partners?limit=${PAGE}&sort=lastActivity`,
    timeToFirstDeal: `/api/v1/reporting/partners?limit=${PAGE}&sort=timeToFirstDeal`,
  };
  // The pages are what a vendor would see: full, over every partner, in their order.
  for (const [name, path] of Object.entries(paths)) {
    const { page } = await get(path);
    if (page.items.length !== PAGE) throw new Error(`${name}: ${page.items.length} rows, expected ${PAGE}`);
    if (name !== 'plain' && page.total !== PARTNERS) throw new Error(`${name}: total ${page.total}, expected ${PARTNERS}`);
  }
  const recent = (await get(paths.lastActivity)).page.items.map((i) => Date.parse(i.lastActivityAt ?? ''));
  if (recent.some((at, i) => Number.isNaN(at) || (i > 0 && at > recent[i - 1]!))) throw new Error('lastActivity page is not most recent first');
  const fastest = (await get(paths.timeToFirstDeal)).page.items.map((i) => i.timeToFirstDealDays);
  if (fastest.some((d, i) => d === null || d === undefined || (i > 0 && d < fastest[i - 1]!))) throw new Error('timeToFirstDeal page is not fastest first');

  // The repository's own statements, as the endpoint runs them, for EXPLAIN.
  const captured: { sql: string; params: unknown[] }[] = [];
  const query = t.db.query.bind(t.db);
  t.db.query = ((sql: string, params?: unknown[], runner?: QueryRunner) => {
    captured.push({ sql, params: params ?? [] });
    return query(sql, params, runner);
  }) as typeof t.db.query;
  await get(paths.name);
  await get(paths.lastActivity);
  await get(paths.timeToFirstDeal);
  t.db.query = query;
  const statements = captured.filter((c) => c.sql.includes('LATERAL'));
  if (statements.length !== 3) throw new Error(`captured ${statements.length} partners list queries, expected 3`);
  let plansOk = true;
  for (const [i, label] of ['by-name', 'by-activity', 'by-time-to-first-deal'].entries()) plansOk = (await checkPlan(t, label, statements[i]!.sql, statements[i]!.params)) && plansOk;

  const timing = await measure(get, paths);
  close();
  for (const [name, { median, p95 }] of Object.entries(timing)) console.log(`first page, ${name.padEnd(16)} median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${RUNS} requests)`);

  const activity = timing.lastActivity!;
  // p95: the wait a vendor notices. A page sorted by last activity measures every partner, within the
  // 300 ms a list may take; by name (the page's partners only) and by time to first deal (one deals
  // probe per partner) stay under 100 ms, which measuring every figure of every partner would break.
  console.log(benchLine(`partners-list-by-name-${PARTNERS}`, timing.name!.p95, 'ms', '<=', 100));
  console.log(benchLine(`partners-list-by-activity-${PARTNERS}`, activity.p95, 'ms', '<=', 300));
  console.log(benchLine(`partners-list-by-time-to-first-deal-${PARTNERS}`, timing.timeToFirstDeal!.p95, 'ms', '<=', 100));
  // Sorting by last activity measures every partner: 2,000 × seven index probes plus one per link
  // (~31,000 for clicks), against the plain list's one 26-row index scan, whose ~3 ms is the app's
  // floor for a request. Measured 55 on a local PostgreSQL 15 and 59 on the embedded cluster. 100 ×
  // that floor is the 300 ms page budget: the target leaves ~40% for noise, while a lateral that
  // loses its index (a scan of 600,000 clicks per partner) multiplies the ratio many times over.
  console.log(benchLine('partners-list-by-activity-vs-plain-list', activity.median / timing.plain!.median, 'ratio', '<=', 100));
  console.log(benchLine('partners-list-laterals-use-partner-index', plansOk ? 1 : 0, 'bool', '>=', 1));
});
