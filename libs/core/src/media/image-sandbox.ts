import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { ImageJob, ImageOutcome } from './image-work';

export interface ImageSandboxOptions {
  /** A job still running this long after it reached its process is killed with it (SIGKILL). */
  deadlineMs: number;
  /** Processes kept alive; each runs one job at a time, the others wait in order. */
  processes: number;
  /** A process whose resident memory passes this is ended, and its job refused. */
  maxMemoryMb: number;
}

export interface ImageSandboxStats {
  /** Jobs sent to a process and not answered yet. */
  inFlight: number;
  /** Jobs waiting for a free process. */
  queued: number;
  /** Processes alive now. */
  processes: number;
  /** Processes killed at a deadline or ended over the memory ceiling, since start. */
  killed: number;
}

interface Pending {
  job: ImageJob;
  deadlineMs: number;
  resolve: (outcome: ImageOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  child: ChildProcess | null;
  ready: boolean;
  running: { id: number; pending: Pending; timer: NodeJS.Timeout } | null;
}

const OUT_OF_MEMORY = 86;
/** Jobs allowed to wait per process before new ones are turned away. */
export const QUEUED_PER_PROCESS = 16;

/**
 * Untrusted image work in child processes that can be killed. libvips runs native code that
 * neither sharp's own `timeout` (whole seconds, checked between work units) nor a worker thread
 * can stop, and a filter render in this process would hold a core and survive SIGTERM. Processes
 * are started on first use and reused; one that passes a job's deadline is SIGKILLed and replaced.
 */
export class ImageSandbox {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private killed = 0;
  private closed = false;

  constructor(private readonly options: ImageSandboxOptions) {
    this.slots = Array.from({ length: Math.max(1, options.processes) }, () => ({ child: null, ready: false, running: null }));
  }

  /** Runs one job; `deadlineMs` overrides the sandbox's own for this job. */
  run(job: ImageJob, options: { deadlineMs?: number } = {}): Promise<ImageOutcome> {
    if (this.closed) return Promise.reject(new Error('the image sandbox is closed'));
    const deadlineMs = options.deadlineMs ?? this.options.deadlineMs;
    // Each waiting job holds its upload in memory and waits up to a deadline per job ahead of it.
    if (this.queue.length >= QUEUED_PER_PROCESS * this.slots.length) {
      return Promise.resolve({ ok: false, code: 'IMAGE_BUSY', problem: 'could not be processed now: too many images are waiting; try again in a minute' });
    }
    return new Promise<ImageOutcome>((resolve, reject) => {
      this.queue.push({ job, deadlineMs, resolve, reject });
      this.dispatch();
    });
  }

  stats(): ImageSandboxStats {
    return {
      inFlight: this.slots.filter((s) => s.running).length,
      queued: this.queue.length,
      processes: this.slots.filter((s) => s.child && s.child.exitCode === null && s.child.signalCode === null).length,
      killed: this.killed,
    };
  }

  /** The process ids alive now (tests check that a killed one is gone). */
  pids(): number[] {
    return this.slots.flatMap((s) => (s.child?.pid !== undefined && s.child.exitCode === null && s.child.signalCode === null ? [s.child.pid] : []));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the image sandbox is closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.running) {
          clearTimeout(slot.running.timer);
          slot.running.pending.reject(new Error('the image sandbox is closed'));
          slot.running = null;
        }
        const child = slot.child;
        slot.child = null;
        if (child && child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGKILL');
          await exited;
        }
      }),
    );
  }

  private dispatch(): void {
    this.assign();
    const waiting = this.queue.length > 0;
    for (const slot of this.slots) if (slot.child) this.holdOpen(slot.child, waiting || slot.running !== null);
  }

  private assign(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.running) continue;
      if (!slot.child) this.spawn(slot);
      if (!slot.ready) continue;
      const pending = this.queue.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => this.expire(slot, id), pending.deadlineMs);
      slot.running = { id, pending, timer };
      slot.child!.send({ id, job: pending.job }, (error) => {
        if (error && slot.running?.id === id) this.finish(slot, { ok: false, code: 'IMAGE_UNREADABLE', problem: 'could not be processed' });
      });
    }
  }

  private spawn(slot: Slot): void {
    const child = this.fork();
    slot.child = child;
    slot.ready = false;
    child.on('message', (message: { ready?: boolean; id?: number; outcome?: ImageOutcome }) => {
      if (slot.child !== child) return;
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
      } else if (message.id !== undefined && message.outcome && slot.running?.id === message.id) {
        this.finish(slot, message.outcome);
      }
    });
    child.on('error', () => undefined);
    child.once('exit', (code) => {
      if (slot.child !== child) return;
      const started = slot.ready;
      slot.child = null;
      slot.ready = false;
      if (!started && !slot.running) {
        // It died before it could take work (sharp missing, memory ceiling below its own start):
        // respawning would only loop, so the waiting jobs fail as a server error.
        for (const pending of this.queue.splice(0)) pending.reject(new Error(`the image sandbox process could not start (exit ${code})`));
        return;
      }
      if (slot.running) {
        const outOfMemory = code === OUT_OF_MEMORY;
        if (outOfMemory) this.killed++;
        this.finish(
          slot,
          outOfMemory
            ? { ok: false, code: 'IMAGE_TOO_COSTLY', problem: `needs more than ${this.options.maxMemoryMb} MB to process; upload a smaller or simpler image` }
            : { ok: false, code: 'IMAGE_UNREADABLE', problem: 'could not be read as an image' },
        );
      } else if (!this.closed && this.queue.length > 0) {
        this.dispatch();
      }
    });
  }

  /** An idle sandbox must not keep this process alive (tests, scripts); one with work waiting must. */
  private holdOpen(child: ChildProcess, busy: boolean): void {
    const channel = child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (busy) {
      child.ref();
      channel?.ref?.();
    } else {
      child.unref();
      channel?.unref?.();
    }
  }

  private fork(): ChildProcess {
    const options = { serialization: 'advanced' as const, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] as ('ignore' | 'inherit' | 'ipc')[], execArgv: [] };
    const limit = String(this.options.maxMemoryMb);
    // From source (tests, benchmarks) the child is TypeScript, run through the same swc hook; built, it is plain JavaScript.
    if (__filename.endsWith('.ts')) {
      const runner = path.resolve(__dirname, '..', '..', '..', '..', 'scripts', 'run-ts.js');
      return fork(runner, [path.join(__dirname, 'image-sandbox.child.ts'), limit], options);
    }
    return fork(path.join(__dirname, 'image-sandbox.child.js'), [limit], options);
  }

  private expire(slot: Slot, id: number): void {
    if (slot.running?.id !== id) return;
    const deadlineMs = slot.running.pending.deadlineMs;
    const child = slot.child;
    slot.child = null;
    slot.ready = false;
    this.killed++;
    child?.kill('SIGKILL');
    // The replacement starts now, so the next upload does not wait for a process to boot.
    if (!this.closed) this.spawn(slot);
    const seconds = deadlineMs / 1000;
    this.finish(slot, {
      ok: false,
      code: 'IMAGE_TOO_COSTLY',
      problem: `took longer than ${seconds.toLocaleString('en')} s to process and was stopped; upload a simpler image (a PNG works best)`,
    });
  }

  private finish(slot: Slot, outcome: ImageOutcome): void {
    const running = slot.running;
    if (!running) return;
    clearTimeout(running.timer);
    slot.running = null;
    running.pending.resolve(outcome);
    if (!this.closed) this.dispatch();
  }
}
