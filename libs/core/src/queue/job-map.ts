import { JobsOptions } from 'bullmq';
import { QUEUE_NAMES, QueueName } from './queue-names';

/** Platform mail to send: its row in the outbox (`PlatformMail`), which holds the message. */
export interface PlatformMailJob {
  outboxId: string;
  /** What the message is about, for logs (`invite:<id>`). */
  reference: string;
}

/** The `send-mail` payload of an older release, which carried the message itself; still sent if found on the queue. */
export interface MailJob {
  to: string;
  subject: string;
  html: string;
  text: string;
  reference: string;
}

/** job name → the queue it runs on and its payload. The only place job names are spelled. */
export interface JobMap {
  heartbeat: { queue: typeof QUEUE_NAMES.default; payload: Record<string, never> };
  /** Sends one platform mail from the outbox (id: platform-mail.<outboxId>). */
  'send-mail': { queue: typeof QUEUE_NAMES.email; payload: PlatformMailJob | MailJob };
  /** The sweep of an older release (platform mail only); still scheduled in queues it ran on, it now relays the job outbox. */
  'relay-platform-mail': { queue: typeof QUEUE_NAMES.email; payload: Record<string, never> };
  /** Sweep (every few seconds and at worker start): puts the jobs recorded in the job outbox on the queue; prunes old rows. */
  'relay-jobs': { queue: typeof QUEUE_NAMES.default; payload: Record<string, never> };
  /** Launch a published kit version for one opted-in partner (id: auto-launch.<version>.<partner>). */
  'auto-launch': { queue: typeof QUEUE_NAMES.syndication; payload: { kitVersionId: string; partnerId: string } };
  /** Sweep (every few seconds): claims due messages in batches and enqueues their sends; re-enqueues stuck ones. */
  'dispatch-mail': { queue: typeof QUEUE_NAMES.email; payload: Record<string, never> };
  /** Sends one claimed batch of messages (id: send.<dispatchId>). */
  'send-messages': { queue: typeof QUEUE_NAMES.email; payload: { dispatchId: string } };
  /** Sweep: expands launches whose blast is due into one message per sendable contact. */
  'expand-blasts': { queue: typeof QUEUE_NAMES.syndication; payload: Record<string, never> };
  /** Sweep (every few seconds): claims due nurture enrolments and runs their next steps. */
  'nurture-tick': { queue: typeof QUEUE_NAMES.default; payload: Record<string, never> };
  /** A landing page captured a lead: enrol it in its launch's sequence (id: lead-captured.<leadId>). */
  'lead-captured': { queue: typeof QUEUE_NAMES.default; payload: { leadId: string } };
  /** Sweep (hourly): enrols partners signed 45 days ago without a registered deal in the activation program. */
  'activation-sweep': { queue: typeof QUEUE_NAMES.default; payload: Record<string, never> };
  /** Delivers one deal status-change webhook event, signed, retried with backoff (id: deal-webhook.<eventId>). */
  'deal-webhook': { queue: typeof QUEUE_NAMES.default; payload: { eventId: string } };
  /** A deal was registered: its company's contacts leave the sequences that exit on deals (id: deal-registered.<dealId>). */
  'deal-registered': { queue: typeof QUEUE_NAMES.default; payload: { dealId: string; partnerId: string; companyDomain: string | null } };
  /** Sweep (every few minutes): approved deals past their protection window become expired. */
  'deal-expiry-sweep': { queue: typeof QUEUE_NAMES.default; payload: Record<string, never> };
  /** Sweep (every few minutes): MDF funds past their period's end plus grace expire (ledger `expire`). */
  'mdf-expiry-sweep': { queue: typeof QUEUE_NAMES.default; payload: Record<string, never> };
  /** Sweep (every minute): moves library assets through their statuses, sends expiry notices, swaps or holds what uses them. */
  'asset-expiry-sweep': { queue: typeof QUEUE_NAMES.default; payload: Record<string, never> };
  /** Library assets changed by hand: bring their status up to date and swap or release what uses them (id: asset-changed.<uuid>). */
  'asset-changed': { queue: typeof QUEUE_NAMES.default; payload: { assetIds: string[] } };
}

export type JobName = keyof JobMap;
export type JobPayload<N extends JobName> = JobMap[N]['payload'];

export const JOB_QUEUE: { [N in JobName]: JobMap[N]['queue'] } = {
  heartbeat: QUEUE_NAMES.default,
  'send-mail': QUEUE_NAMES.email,
  'relay-platform-mail': QUEUE_NAMES.email,
  'relay-jobs': QUEUE_NAMES.default,
  'auto-launch': QUEUE_NAMES.syndication,
  'dispatch-mail': QUEUE_NAMES.email,
  'send-messages': QUEUE_NAMES.email,
  'expand-blasts': QUEUE_NAMES.syndication,
  'nurture-tick': QUEUE_NAMES.default,
  'lead-captured': QUEUE_NAMES.default,
  'activation-sweep': QUEUE_NAMES.default,
  'deal-webhook': QUEUE_NAMES.default,
  'deal-registered': QUEUE_NAMES.default,
  'deal-expiry-sweep': QUEUE_NAMES.default,
  'mdf-expiry-sweep': QUEUE_NAMES.default,
  'asset-expiry-sweep': QUEUE_NAMES.default,
  'asset-changed': QUEUE_NAMES.default,
};

/** Named option sets, so retry and retention policy is chosen, not improvised per call. */
export const JOB_PRESETS = {
  /** Side effects users notice (mail, charges): retried for about an hour, kept a week when failed. */
  delivery: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 24 * 3600, count: 5_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  /** Routine work that is safe to retry a few times. */
  standard: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: 3600, count: 1_000 },
    removeOnFail: { age: 24 * 3600 },
  },
  /** Sweeps and heartbeats: the next run replaces a failed one. */
  housekeeping: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } },
} satisfies Record<string, JobsOptions>;

export type JobPreset = keyof typeof JOB_PRESETS;

export const DEFAULT_PRESET: { [N in JobName]: JobPreset } = {
  heartbeat: 'housekeeping',
  'send-mail': 'delivery',
  'relay-platform-mail': 'housekeeping',
  'relay-jobs': 'housekeeping',
  'auto-launch': 'standard',
  'dispatch-mail': 'housekeeping',
  'send-messages': 'delivery',
  'expand-blasts': 'housekeeping',
  'nurture-tick': 'housekeeping',
  'lead-captured': 'standard',
  'activation-sweep': 'housekeeping',
  'deal-webhook': 'delivery',
  'deal-registered': 'standard',
  'deal-expiry-sweep': 'housekeeping',
  'mdf-expiry-sweep': 'housekeeping',
  'asset-expiry-sweep': 'housekeeping',
  'asset-changed': 'standard',
};


export function queueOf(name: JobName): QueueName {
  return JOB_QUEUE[name];
}

/**
 * A deterministic job id from its parts (`jobId('invite', inviteId)` → `invite.<id>`), for jobs that
 * must run once: adding a job whose id exists is a no-op.
 */
export function jobId(...parts: (string | number)[]): string {
  const id = parts.map(String).join('.');
  if (id.includes(':') || /^\d+$/.test(id)) throw new Error(`invalid job id "${id}"`);
  return id;
}

/** The jobs that run on one queue. */
export type JobsOf<Q extends QueueName> = { [N in JobName]: JobMap[N]['queue'] extends Q ? N : never }[JobName];

/** One handler per job of a queue: the compiler refuses a map that misses one of the queue's jobs. */
export type QueueHandlers<Q extends QueueName> = { [N in JobsOf<Q>]: (payload: JobPayload<N>) => Promise<unknown> };

/** Jobs this process is running now, `name:id` each: what a shutdown past its deadline names as abandoned. */
const runningJobs = new Set<string>();

export function jobsRunningHere(): string[] {
  return [...runningJobs];
}

/**
 * Runs a job with its queue's handler; a job that does not belong to the queue (a name from an
 * older or newer release) is logged and completed rather than retried.
 */
export async function runQueueJob<Q extends QueueName>(
  handlers: QueueHandlers<Q>,
  job: { name: string; data: unknown; id?: string | undefined },
  warn: (message: string) => void,
): Promise<unknown> {
  const handler = (handlers as Record<string, ((payload: unknown) => Promise<unknown>) | undefined>)[job.name];
  if (!handler) {
    warn(`job ${job.name} arrived on the wrong queue`);
    return null;
  }
  const key = `${job.name}:${job.id ?? '?'}`;
  runningJobs.add(key);
  try {
    return await handler(job.data);
  } finally {
    runningJobs.delete(key);
  }
}
