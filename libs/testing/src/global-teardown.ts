import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const pg = globalThis.__channelkitTestPostgres;
  if (!pg) return;
  await pg.stop();
  fs.rmSync(pg.dataDir, { recursive: true, force: true });
  fs.rmSync(pg.logFile, { force: true });
  fs.rmSync(`${pg.dataDir}.run`, { recursive: true, force: true });
}
