import fs from 'node:fs';
import path from 'node:path';
import { runBench } from '../bench/app';
import { generatePortalSchema, PORTAL_SCHEMA_FILE } from './portal-schema';

/**
 * `npm run portal:client`: boots the real application on a fresh migrated database (DATABASE_URL's
 * server, or an embedded cluster), reads its OpenAPI document and regenerates the portal's typed client.
 */
runBench({}, async (t) => {
  const res = await t.http().get('/api/docs-json').expect(200);
  fs.writeFileSync(PORTAL_SCHEMA_FILE, generatePortalSchema(res.body as object));
  console.log(`wrote ${path.relative(process.cwd(), PORTAL_SCHEMA_FILE)} (${Object.keys((res.body as { paths: object }).paths).length} paths)`);
});
