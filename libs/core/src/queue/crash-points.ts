import { Injectable } from '@nestjs/common';

/**
 * The moments where a process dying loses work unless an outbox holds it. Tests arm one to make
 * this process stop there, as a kill would; nothing arms them in production, where `reach` is a
 * set lookup.
 */
export type CrashPoint =
  /** A caller's transaction committed its outbox rows; the process dies before relaying them. */
  | 'job-outbox.before-relay'
  /** A relay put its rows on the queue; the process dies before committing that they were relayed. */
  | 'job-outbox.relay-enqueued';

export class SimulatedCrash extends Error {
  constructor(readonly point: CrashPoint) {
    super(`simulated crash at ${point}`);
  }
}

@Injectable()
export class CrashPoints {
  private readonly armed = new Set<CrashPoint>();

  /** From now on, every pass through `point` throws `SimulatedCrash` (until `disarm`). */
  arm(point: CrashPoint): void {
    this.armed.add(point);
  }

  disarm(point: CrashPoint): void {
    this.armed.delete(point);
  }

  reach(point: CrashPoint): void {
    if (this.armed.has(point)) throw new SimulatedCrash(point);
  }
}
