import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The portal's generated API types (committed, so a change to the API shows in review). */
export const PORTAL_SCHEMA_FILE = path.resolve(__dirname, '..', 'apps', 'portal', 'src', 'api', 'schema.d.ts');

/** The portal's API types for an OpenAPI document, exactly as `npm run portal:client` writes them. */
export function generatePortalSchema(document: object): string {
  return execFileSync(process.execPath, [path.join(__dirname, 'openapi-to-ts.js')], { input: JSON.stringify(document), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
