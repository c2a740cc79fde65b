import http from 'node:http';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/**
 * A closed-loop load generator: `connections` keep-alive clients each send a request as soon as the
 * previous one answered, for `durationMs`. Runs in this process, against loopback only.
 */
export async function load(options: { url: string; headers?: Record<string, string>; connections: number; durationMs: number; expectStatus: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.durationMs;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, headers: options.headers },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === options.expectStatus) latencies.push(performance.now() - started);
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: (latencies.length / elapsed) * 1000, p50Ms: at(0.5), p99Ms: at(0.99), errors };
}

/** `BENCH <name> <value> <unit> target <op> <value> PASS|FAIL`, the line CI and notes read. */
export function benchLine(name: string, value: number, unit: string, op: '>=' | '<=', target: number): string {
  const pass = op === '>=' ? value >= target : value <= target;
  return `BENCH ${name} ${value.toFixed(2)} ${unit} target ${op} ${target.toFixed(2)} ${pass ? 'PASS' : 'FAIL'}`;
}
