/**
 * `npm run bench:uploads`, loopback only: hostile image uploads against a valid one, in the same run.
 *
 * The app runs in this process; the uploads come from a child process (a fetch client), so the
 * event loop measured here is the server's alone. Every upload is a partner logo
 * (`PUT /api/v1/partners/:id/logo`):
 *
 * - baseline: a valid 800×240 PNG logo, uploaded 7 times (median);
 * - the hostile corpus of the tests (`libs/testing/src/hostile-images.ts`: SVG filters, a `<use>`
 *   bomb, PNG/JPEG/WebP decompression bombs, truncated files, polyglots), each uploaded 3 times
 *   (median), every answer checked to be a 4xx.
 *
 * Targets: the slowest hostile upload takes at most 10× the valid one, and the event loop's worst
 * delay while the corpus is uploaded (monitorEventLoopDelay) stays under 100 ms; the same
 * measurement over an idle window of the same length is printed beside it.
 *
 * Without DATABASE_URL it runs on an embedded cluster with fsync on (see ./app.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ImageService } from '@app/core';
import { hostileImages, makePartner, makeUser, TestUser, validLogo } from '@app/testing';
import { runBench } from './app';
import { benchLine } from './load';

interface PlanItem {
  label: string;
  file: string;
  filename: string;
  repeat: number;
}

interface Answer {
  label: string;
  statuses: number[];
  ms: number[];
}

/** Uploads each file of a plan in turn and prints the statuses and times (argv: url, auth, plan file). */
const CLIENT = `
const fs = require('node:fs');
const [url, auth, planFile] = process.argv.slice(1);
const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
(async () => {
  const answers = [];
  for (const item of plan) {
    const data = fs.readFileSync(item.file);
    const answer = { label: item.label, statuses: [], ms: [] };
    for (let i = 0; i < item.repeat; i++) {
      const form = new FormData();
      form.append('file', new Blob([data], { type: 'application/octet-stream' }), item.filename);
      const started = performance.now();
      const res = await fetch(url, { method: 'PUT', headers: { authorization: auth }, body: form });
      await res.arrayBuffer();
      answer.ms.push(performance.now() - started);
      answer.statuses.push(res.status);
    }
    answers.push(answer);
  }
  process.stdout.write(JSON.stringify(answers));
})().catch((error) => { console.error(error); process.exit(1); });
`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function client(url: string, user: TestUser, plan: PlanItem[], dir: string): Promise<Answer[]> {
  const planFile = path.join(dir, `plan-${Date.now()}.json`);
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const child = spawn(process.execPath, ['-e', CLIENT, url, user.auth, planFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`the upload client failed (${code})`);
  return JSON.parse(out) as Answer[];
}

/** The worst event-loop delay, in ms, while `work` runs. */
async function loopDelayDuring(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

runBench({}, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'channelkit-bench-uploads-'));
  try {
    const partner = await makePartner(t);
    const admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/v1/partners/${partner.id}/logo`;

    const valid = path.join(dir, 'valid.png');
    fs.writeFileSync(valid, await validLogo());
    const corpus = await hostileImages();
    const hostilePlan: PlanItem[] = corpus.map((hostile, i) => {
      const file = path.join(dir, `hostile-${i}`);
      fs.writeFileSync(file, hostile.data);
      return { label: hostile.name, file, filename: hostile.filename, repeat: 3 };
    });

    // Warm-up: the sandbox process starts, the routes and pools are hot.
    await client(url, admin, [{ label: 'warm-up', file: valid, filename: 'logo.png', repeat: 3 }, ...hostilePlan.map((p) => ({ ...p, repeat: 1 }))], dir);

    const [baseline] = await client(url, admin, [{ label: 'valid logo', file: valid, filename: 'logo.png', repeat: 7 }], dir);
    if (!baseline!.statuses.every((s) => s === 200)) throw new Error(`the valid logo answered ${baseline!.statuses.join(', ')}`);
    let answers: Answer[] = [];
    const started = performance.now();
    const corpusDelay = await loopDelayDuring(async () => (answers = await client(url, admin, hostilePlan, dir)));
    const corpusMs = performance.now() - started;
    // The same measurement over an idle window as long as the corpus took: what the shared machine alone costs.
    const idleDelay = await loopDelayDuring(() => new Promise((resolve) => setTimeout(resolve, corpusMs)));

    const validMs = median(baseline!.ms);
    console.log(`machine: ${os.cpus().length} cores, shared with other work; sandbox ${JSON.stringify(t.get(ImageService).sandboxStats())}`);
    console.log(`${'valid logo (800×240 PNG)'.padEnd(52)} ${validMs.toFixed(1).padStart(8)} ms  200`);
    for (const answer of answers) {
      const bad = answer.statuses.filter((s) => s < 400 || s >= 500);
      if (bad.length > 0) throw new Error(`${answer.label} answered ${answer.statuses.join(', ')}: every hostile upload must be refused with a 4xx`);
      console.log(`${answer.label.padEnd(52)} ${median(answer.ms).toFixed(1).padStart(8)} ms  ${answer.statuses[0]}`);
    }
    const slowest = Math.max(...answers.map((a) => median(a.ms)));
    console.log(`event loop delay, max: idle ${idleDelay.toFixed(1)} ms, during the corpus ${corpusDelay.toFixed(1)} ms (each window ${(corpusMs / 1000).toFixed(1)} s)`);
    console.log(benchLine('hostile-upload-slowest-vs-valid', slowest / validMs, 'ratio', '<=', 10));
    console.log(benchLine('hostile-upload-loop-delay-max', corpusDelay, 'ms', '<=', 100));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
