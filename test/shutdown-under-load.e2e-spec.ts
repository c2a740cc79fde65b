import { AppProcess, countClicks, createTestDatabase, findRedirectLink, startAppProcess, startRedirectStream, TestDatabase } from '@app/testing';

/**
 * An orchestrator's SIGTERM arrives while visitors keep clicking. The process must stop taking
 * requests, write every click it answered, and exit by itself (before the grace period ends in
 * SIGKILL), however long the stream goes on.
 */
const CONNECTIONS = 8;

describe('SIGTERM under a steady stream of redirects', () => {
  let db: TestDatabase;
  let app: AppProcess | undefined;

  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(async () => {
    app?.cleanup();
    await db.drop();
  });

  it('exits by itself while the clients still send, and records exactly the clicks it answered', async () => {
    app = await startAppProcess({ databaseUrl: db.url });
    const link = await findRedirectLink(db.url);
    const before = await countClicks(db.url, link.id);
    const stream = startRedirectStream(`http://127.0.0.1:${app.port}/l/${link.code}`, CONNECTIONS);

    // Let the stream settle into the keep-alive connections and past a few click flushes.
    while (stream.counts.redirected < 2_000) await new Promise((r) => setTimeout(r, 50));
    app.child.kill('SIGTERM');
    // The process prints this as it closes its listener; the test reads it a little later.
    while (!app.output().includes('SIGTERM: stopping ChannelKit') && app.child.exitCode === null) await new Promise((r) => setImmediate(r));
    const answeredWhenStopping = stream.counts.redirected;

    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([app.exited.then((code) => ({ code })), new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), 60_000)))]);
    clearTimeout(timer);
    const sentUntilExit = { ...stream.counts };
    // The clients are still sending when the process is gone: their attempts are refused now.
    await new Promise((r) => setTimeout(r, 300));
    const counts = await stream.stop();

    expect(outcome).toEqual({ code: 0 });
    expect(app.output()).toContain('SIGTERM: stopping ChannelKit');
    expect(app.output()).toContain('Stopped.');
    expect(counts.errors).toBeGreaterThan(sentUntilExit.errors);
    // HTTP stopped first: a connection busy at that moment finishes its request, and answers at
    // most one more (with Connection: close). Draining clicks while still serving answers thousands.
    expect(counts.redirected - answeredWhenStopping).toBeLessThanOrEqual(2 * CONNECTIONS);
    expect(counts.redirected).toBe(sentUntilExit.redirected);
    expect(await countClicks(db.url, link.id)).toBe(before + counts.redirected);
  }, 240_000);
});
