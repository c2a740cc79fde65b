/**
 * Queue and job names are frozen once shipped: jobs already stored under a name must still find
 * their processor after an upgrade. Add names; never rename one.
 */
export const QUEUE_NAMES = {
  default: 'default',
  email: 'email',
  media: 'media',
  syndication: 'syndication',
  events: 'events',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Queues that have a processor today; the others are reserved for the capabilities that use them. */
export const ACTIVE_QUEUES: QueueName[] = [QUEUE_NAMES.default, QUEUE_NAMES.email, QUEUE_NAMES.syndication];
