import fs from 'node:fs';
import S3rver from 's3rver';

export interface EmbeddedS3Handle {
  endpoint: string;
  stop: () => Promise<void>;
}

/** An S3-compatible server in this process (s3rver), keeping objects under `directory`. */
export async function startEmbeddedS3(options: { directory: string; port: number; bucket: string }): Promise<EmbeddedS3Handle> {
  fs.mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    directory: options.directory,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
