import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, TestApp } from '@app/testing';
import { PORTAL_DIST_DIR, PORTAL_SECTIONS } from '@app/api';
import { generatePortalSchema, PORTAL_SCHEMA_FILE } from '../scripts/portal-schema';

/** The first line where two texts differ, to say where the drift is. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const line = left.findIndex((l, i) => l !== right[i]);
  const at = line === -1 ? left.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(left[at] ?? '<end>')}, API ${JSON.stringify(right[at] ?? '<end>')}`;
}

describe('the portal and the API', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('types its client from the same OpenAPI document the API serves', async () => {
    const document = await t.http().get('/api/docs-json').expect(200);
    const generated = generatePortalSchema(document.body as object);
    const committed = fs.existsSync(PORTAL_SCHEMA_FILE) ? fs.readFileSync(PORTAL_SCHEMA_FILE, 'utf8') : '';
    if (generated !== committed) {
      throw new Error(
        `${path.relative(process.cwd(), PORTAL_SCHEMA_FILE)} does not match the API's OpenAPI document (${firstDifference(committed, generated)}).\n` +
          'Run `npm run portal:client` to regenerate it, then fix what no longer type-checks in apps/portal (`npm run typecheck`).',
      );
    }
  });

  it('answers / with the portal, or with how to build it, under a strict policy', async () => {
    const res = await t.http().get('/');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    if (fs.existsSync(path.join(PORTAL_DIST_DIR, 'index.html'))) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.text).toContain('<div id="root">');
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(res.text)?.[1];
      expect(script).toBeDefined();
      const asset = await t.http().get(script!).expect(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    } else {
      expect(res.status).toBe(503);
      expect(res.text).toContain('npm run portal:build');
    }
  });

  it('serves its routes as the app and leaves every other path to the API', async () => {
    const expected = fs.existsSync(path.join(PORTAL_DIST_DIR, 'index.html')) ? 200 : 503;
    for (const section of PORTAL_SECTIONS) await t.http().get(`/${section}/some/deep/link`).expect(expected);
    await t.http().get('/catalog').expect(expected);

    const api = await t.http().get('/api/v1/no-such-thing').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    await t.http().get('/api/v1/auth/me').expect(401);
    await t.http().get('/no-such-page').expect(404);
    await t.http().get('/assets/no-such-file.js').expect(404);
    await t.http().get('/assets/..%2Fpackage.json').expect(404);
    const link = await t.http().get('/l/nosuchcode').expect(404);
    expect(link.text).toContain('Link not found');
    await t.http().get('/health').expect((r) => expect([200, 503]).toContain(r.status));
  });
});
