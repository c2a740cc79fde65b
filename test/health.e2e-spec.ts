import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startEmbeddedS3 } from '@app/core';
import { startAnotherInstance, startTestApp, TestApp } from '@app/testing';

interface Check {
  ok: boolean;
  error?: string;
  lastHeartbeatAt?: string | null;
}
interface Report {
  status: string;
  failed?: string[];
  checks: Record<string, Check>;
}

async function waitFor(t: TestApp, path: string, status: number): Promise<Report> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await t.http().get(path);
    if (res.status === status || Date.now() > deadline) {
      expect({ path, status: res.status }).toEqual({ path, status });
      return res.body as Report;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('health: api and worker in one process', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('is live, ready and ok once the worker has beaten, with every check named', async () => {
    const body = await waitFor(t, '/health', 200);
    expect(body.status).toBe('ok');
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.storage?.ok).toBe(true);
    expect(body.checks.queue?.ok).toBe(true);
    expect(body.checks.queue?.lastHeartbeatAt).toEqual(expect.any(String));
    expect(body.checks.worker).toMatchObject({ ok: true, lastHeartbeatAt: body.checks.queue?.lastHeartbeatAt });

    expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = (await t.http().get('/health/ready').expect(200)).body as Report;
    expect(ready).toMatchObject({ status: 'ready', failed: [] });
  });
});

describe('health: the worker in another process, storage on its own server', () => {
  const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-health-s3-'));
  let s3: { endpoint: string; stop: () => Promise<void> };
  let t: TestApp;
  let worker: NestFastifyApplication | undefined;

  beforeAll(async () => {
    s3 = await startEmbeddedS3({ directory: s3Dir, port: 0, bucket: 'ck-health' });
    t = await startTestApp({ env: { APP_ROLE: 'api', S3_ENDPOINT: s3.endpoint, S3_BUCKET: 'ck-health' } });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    await s3.stop().catch(() => undefined);
    fs.rmSync(s3Dir, { recursive: true, force: true });
  });

  it('is not ready before any worker has run, and says so', async () => {
    const res = await t.http().get('/health/ready').expect(503);
    expect(res.body).toMatchObject({ status: 'not-ready', failed: ['worker'] });
    expect((res.body as Report).checks.worker?.error).toMatch(/no worker heartbeat/);
    await t.http().get('/health').expect(503);
    await t.http().get('/health/live').expect(200);
  });

  it('turns ready when a worker runs, and degraded (503) once that worker is gone and its heartbeat goes stale', async () => {
    worker = await startAnotherInstance(t, { role: 'all' });
    await waitFor(t, '/health/ready', 200);
    await t.http().get('/health').expect(200);

    await worker.close();
    worker = undefined;
    t.clock.advance(t.config.heartbeatMaxAgeMs + 1_000);

    const summary = (await t.http().get('/health').expect(503)).body as Report;
    expect(summary.status).toBe('degraded');
    expect(summary.checks.worker?.ok).toBe(false);
    expect(summary.checks.worker?.error).toMatch(/stale/);
    expect(summary.checks.database?.ok).toBe(true);

    const ready = (await t.http().get('/health/ready').expect(503)).body as Report;
    expect(ready).toMatchObject({ status: 'not-ready', failed: ['worker'] });
    await t.http().get('/health/live').expect(200);
  });

  it('names storage when its server is stopped, while staying live', async () => {
    await s3.stop();
    const ready = (await t.http().get('/health/ready').expect(503)).body as Report;
    expect(ready.failed).toContain('storage');
    expect(ready.checks.storage?.ok).toBe(false);
    expect(ready.checks.database?.ok).toBe(true);
    expect(((await t.http().get('/health').expect(503)).body as Report).status).toBe('degraded');
    await t.http().get('/health/live').expect(200);
  });
});
