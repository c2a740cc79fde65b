import { Client } from 'pg';
import { loadConfig } from '@app/core';

const MAX_AGE_MS = 90_000;

/** Exit 0 while the worker heartbeat (a repeatable job every 30 s) is fresh; for container healthchecks. */
async function check(): Promise<boolean> {
  const config = loadConfig(process.env);
  if (!config.database.url) return false;
  const client = new Client({ connectionString: config.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ updated_at: Date }>("SELECT updated_at FROM system_state WHERE key = 'worker-heartbeat'");
    const at = rows[0]?.updated_at;
    return at !== undefined && Date.now() - at.getTime() < MAX_AGE_MS;
  } finally {
    await client.end();
  }
}

check().then(
  (ok) => process.exit(ok ? 0 : 1),
  () => process.exit(1),
);
