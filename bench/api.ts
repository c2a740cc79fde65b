/**
 * `npm run bench:api`: throughput of an authenticated API read (bearer token → principal → scoped
 * partner read → JSON) against a bare node:http server answering the same JSON from memory, both
 * in their own processes and driven by a load generator in a third, alternating, in the same run.
 * The app runs as `npm start` runs it (the compiled launcher, demo seed, request logging); the read
 * is the demo partner admin's own partner.
 *
 * The read costs two PostgreSQL round trips (token + user in one query, then the partner); those,
 * not the framework, set the ratio. The target guards against per-request work creeping in.
 */
import { benchDatabase, fetchOnce, line, LoadResult, nodeLoad, ServerChild, settle, startApp, startBare } from './http-bench';
import { benchLine } from './load';

const CONNECTIONS = 32;
const DURATION_MS = 5_000;
const WARMUP_MS = 1_500;
const ROUNDS = 2;

async function main(): Promise<void> {
  const database = await benchDatabase();
  const app = await startApp({ DATABASE_URL: database.url });
  let bare: ServerChild | null = null;
  try {
    const login = await fetch(`http://127.0.0.1:${app.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@northwind-it.example', password: 'channelkit-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const list = (await fetch(`http://127.0.0.1:${app.port}/api/v1/partners`, { headers }).then((r) => r.json())) as { items: { id: string }[] };
    const partnerPath = `/api/v1/partners/${list.items[0]!.id}`;
    const probe = await fetchOnce(app.port, partnerPath, headers);
    if (probe.status !== 200) throw new Error(`${partnerPath} answered ${probe.status}`);
    bare = await startBare({ [partnerPath]: { status: 200, headers: { 'content-type': 'application/json' }, body: probe.body.toString('base64') } });

    await settle(app);
    const drive = (server: ServerChild, durationMs: number) => nodeLoad({ port: server.port, path: partnerPath, headers, connections: CONNECTIONS, durationMs, expectStatus: 200, many: true });
    await drive(bare, WARMUP_MS);
    await drive(app, WARMUP_MS);
    const runs = { bare: [] as LoadResult[], app: [] as LoadResult[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.bare.push(await drive(bare, DURATION_MS));
      runs.app.push(await drive(app, DURATION_MS));
    }
    const mean = (rs: LoadResult[]): LoadResult => ({
      requests: rs.reduce((s, r) => s + r.requests, 0),
      errors: rs.reduce((s, r) => s + r.errors, 0),
      perSecond: rs.reduce((s, r) => s + r.perSecond, 0) / rs.length,
      p50Ms: rs.reduce((s, r) => s + r.p50Ms, 0) / rs.length,
      p99Ms: rs.reduce((s, r) => s + r.p99Ms, 0) / rs.length,
      generator: rs[0]!.generator,
    });
    const baseline = mean(runs.bare);
    const api = mean(runs.app);
    console.log(line('bare node:http JSON', baseline));
    console.log(line('authenticated partner read', api));
    console.log('(the machine may be shared with other work: rates are noisy; compare ratios)');
    console.log(benchLine('api-auth-read-vs-bare', api.perSecond / baseline.perSecond, 'ratio', '>=', 0.1));
    console.log(benchLine('api-auth-read-errors', api.errors, 'count', '<=', 0));
  } finally {
    await bare?.stop();
    await app.stop();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
