'use strict';
// Reads an OpenAPI document (JSON) on stdin and prints the portal's API types (apps/portal/src/api/schema.d.ts)
// with openapi-typescript's Node API, in memory. A separate process because openapi-typescript loads ES modules, which
// plain Node 20 requires natively but Jest's module loader does not. Used by `npm run portal:client` and by
// test/portal-client.e2e-spec.ts, so both generate the same text.
const HEADER =
  "// Generated from the API's OpenAPI document (/api/docs-json) by `npm run portal:client`. Do not edit.\n" +
  '// test/portal-client.e2e-spec.ts fails when this file and the API disagree.\n\n';

async function generatePortalSchema(document) {
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const ast = await openapiTS(document, { alphabetize: true });
  return HEADER + astToString(ast);
}

module.exports = { generatePortalSchema };

if (require.main === module) {
  const chunks = [];
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', () => {
    generatePortalSchema(JSON.parse(Buffer.concat(chunks).toString('utf8'))).then(
      (source) => process.stdout.write(source),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
