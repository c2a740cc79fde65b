import { INestApplicationContext, LoggerService } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { jobsRunningHere } from '@app/core';
import { ClickRecorder } from '@app/links';

/** After an abandoned drain, embedded parts (a development convenience) get this long to stop. */
const EMBEDDED_GRACE_MS = 3_000;
/** A connection busy when the listener closed becomes idle once answered; it is closed this soon after. */
const IDLE_REAP_EVERY_MS = 50;

export interface ShutdownParts {
  app: INestApplicationContext | undefined;
  /** The listening HTTP server, when this process serves HTTP. */
  server: Server | undefined;
  stopEmbedded: () => Promise<void>;
  timeoutMs: number;
  logger: LoggerService;
}

/**
 * The SIGTERM/SIGINT sequence, bounded by `timeoutMs`:
 * 1. HTTP stops accepting: the listener closes, idle keep-alive connections close, a request still
 *    in flight (or arriving on a connection that was busy) is answered with `Connection: close`.
 *    Doing this first is what gives the next steps an end under a steady stream of requests.
 * 2. The click buffer is written (nothing adds to it any more).
 * 3. The Nest app closes: queue workers finish their current job, then the queues and pools close.
 * 4. The embedded parts stop.
 * Returns the exit code: 0 when all of it finished in time; 1, with a log line naming what was
 * left (buffered clicks, running jobs, open connections), when the deadline passed or a step failed.
 */
export async function shutDown(parts: ShutdownParts): Promise<number> {
  const { app, server, logger } = parts;
  const recorder = findClickRecorder(app);
  let phase = 'closing the HTTP listener';
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), parts.timeoutMs);
  });
  let embeddedStarted = false;
  const work = (async () => {
    if (server) {
      phase = 'answering in-flight requests';
      await stopAccepting(server);
    }
    phase = 'writing buffered clicks';
    await recorder?.flush();
    phase = 'finishing running jobs and closing pools';
    await app?.close();
    phase = 'stopping embedded parts';
    embeddedStarted = true;
    await parts.stopEmbedded();
    return 'done' as const;
  })().catch((error: unknown) => {
    logger.error(`shutdown failed while ${phase}: ${error instanceof Error ? error.message : String(error)}`, 'Shutdown');
    return 'failed' as const;
  });

  const outcome = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (outcome === 'done') return 0;
  if (outcome === 'deadline') {
    const jobs = jobsRunningHere();
    const connections = server ? await openConnections(server) : 0;
    logger.error(
      `shutdown deadline of ${parts.timeoutMs} ms passed while ${phase}; abandoned: ${recorder?.pending ?? 0} buffered clicks/opens, ` +
        `${jobs.length} running jobs${jobs.length > 0 ? ` (${jobs.join(', ')}; the queue retries them once their lock expires)` : ''}, ` +
        `${connections} open HTTP connections`,
      'Shutdown',
    );
  }
  if (!embeddedStarted) {
    await Promise.race([parts.stopEmbedded().catch(() => undefined), new Promise((r) => setTimeout(r, EMBEDDED_GRACE_MS).unref())]);
  }
  return 1;
}

function findClickRecorder(app: INestApplicationContext | undefined): ClickRecorder | undefined {
  if (!app) return undefined;
  try {
    return app.get(ClickRecorder, { strict: false });
  } catch {
    return undefined; // the worker role records no clicks
  }
}

function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Prepended, so it runs before Fastify's handler: the answer goes out and the connection ends.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
      response.setHeader('connection', 'close');
    });
    const reaper = setInterval(() => server.closeIdleConnections(), IDLE_REAP_EVERY_MS);
    server.close(() => {
      clearInterval(reaper);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}
