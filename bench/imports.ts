/**
 * `npm run bench:imports`, loopback only: the worst event-loop delay of the API process while it
 * imports the largest contact file allowed (50,000 rows), posted from a separate process. The same
 * process's delay while idle, measured in the same run, is printed beside it: a request that
 * arrives during an import waits at most about this long for the loop.
 *
 * Without DATABASE_URL it runs on an embedded cluster with fsync on (see ./app.ts).
 */
import { spawn } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { makePartner, makeUser } from '@app/testing';
import { runBench } from './app';
import { benchLine } from './load';

const ROWS = 50_000;
const IDLE_MS = 3_000;

// The client builds the file itself, so none of that work lands on the measured loop.
const IMPORT_CLIENT = `
const [port, auth, rows] = process.argv.slice(1);
const lines = ['email,first name,last name,company,country,consent'];
for (let i = 0; i < Number(rows); i++) {
  lines.push('person' + i + '@customer' + (i % 500) + '.example,First' + i + ',Last' + i + ',Customer ' + (i % 500) + ' Ltd,DE,granted');
}
const form = new FormData();
form.append('file', new Blob([lines.join('\\r\\n')], { type: 'text/csv' }), 'contacts.csv');
fetch('http://127.0.0.1:' + port + '/api/v1/contacts/imports', { method: 'POST', headers: { authorization: auth }, body: form })
  .then(async (res) => {
    const text = await res.text();
    if (res.status !== 201) return process.stdout.write(res.status + ' ' + text.slice(0, 300));
    const b = JSON.parse(text);
    process.stdout.write(res.status + ' imported ' + b.imported + ', updated ' + b.updated + ', rejected ' + b.rejected);
  })
  .catch((error) => { console.error(error); process.exit(1); });
`;

runBench({}, async (t) => {
  const partner = await makePartner(t);
  const admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  await t.app.listen(0, '127.0.0.1');
  const port = (t.app.getHttpServer().address() as AddressInfo).port;

  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const maxMs = () => histogram.max / 1e6;

  const runImport = async (): Promise<{ seconds: number; answer: string }> => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', IMPORT_CLIENT, String(port), admin.auth, String(ROWS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0 || !out.startsWith('201')) throw new Error(`import answered ${out.slice(0, 500)}`);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, answer: out };
  };

  // A warm-up import (the same emails again are updates the second time, as a re-import would be).
  await runImport();

  histogram.enable();
  await sleep(IDLE_MS);
  histogram.disable();
  const idle = maxMs();

  histogram.reset();
  histogram.enable();
  const run = await runImport();
  histogram.disable();
  const during = maxMs();

  console.log(`import of ${ROWS} rows: ${run.seconds.toFixed(2)} s, ${run.answer.slice(4)}`);
  console.log(`event-loop delay max: idle ${idle.toFixed(2)} ms, during the import ${during.toFixed(2)} ms (p99 ${(histogram.percentile(99) / 1e6).toFixed(2)} ms)`);
  console.log(benchLine('import-50k-loop-delay-max', during, 'ms', '<=', 100));
});
