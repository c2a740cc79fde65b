import { startTestApp, TestApp } from '@app/testing';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('reports database, queue and storage as up, and the worker heartbeat', async () => {
    const deadline = Date.now() + 20_000;
    let body: { status: string; checks: Record<string, { ok: boolean; lastHeartbeatAt?: string | null }> };
    do {
      const res = await t.http().get('/health').expect(200);
      body = res.body as typeof body;
      if (body.checks.queue?.lastHeartbeatAt) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
    expect(body.status).toBe('ok');
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.storage?.ok).toBe(true);
    expect(body.checks.queue?.ok).toBe(true);
    expect(body.checks.queue?.lastHeartbeatAt).toEqual(expect.any(String));
  });
});
