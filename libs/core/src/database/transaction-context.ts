import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager } from 'typeorm';

const TRACKED = Symbol.for('channelkit.transaction-context');
const STORAGE = Symbol.for('channelkit.transaction-context.storage');

/**
 * Set in the async context of every TypeORM transaction callback (and whatever it starts). Kept on
 * TypeORM's EntityManager prototype beside the patch it goes with: where this module is loaded more
 * than once beside a single TypeORM (the test runner reloads the project's code for every file but
 * loads packages once per worker), every copy reads the storage the one patch writes.
 */
const openTransaction: AsyncLocalStorage<true> = ((EntityManager.prototype as unknown as { [STORAGE]?: AsyncLocalStorage<true> })[STORAGE] ??= new AsyncLocalStorage<true>());

/**
 * Runs every `DataSource.transaction` / `EntityManager.transaction` callback inside a marked async
 * context, so the storage and mail services can refuse to work while a transaction is open.
 * Idempotent; the cost is one AsyncLocalStorage frame per transaction.
 */
export function trackTransactions(): void {
  const proto = EntityManager.prototype as EntityManager & { [TRACKED]?: true };
  if (proto[TRACKED]) return;
  const original = proto.transaction as (...args: unknown[]) => Promise<unknown>;
  const tracked = function (this: EntityManager, ...args: unknown[]): Promise<unknown> {
    return openTransaction.run(true, () => original.apply(this, args));
  };
  proto.transaction = tracked;
  proto[TRACKED] = true;
}

/** Whether the caller runs inside a transaction callback. */
export function inTransaction(): boolean {
  return openTransaction.getStore() === true;
}

/** S3 or SMTP called inside a database transaction: a programming error. */
export class IoInTransactionError extends Error {
  constructor(what: string) {
    super(
      `${what} called inside a database transaction: network I/O must not hold a transaction open (and is not undone by its rollback). ` +
        'Do it before the transaction (and delete the object should it fail) or after the commit (or through the job outbox).',
    );
    this.name = 'IoInTransactionError';
  }
}

/**
 * The guard the storage and mail services call before talking to the network: throws under test
 * (`strict`), so a new call inside a transaction fails its suite; elsewhere warns and goes on.
 */
export function checkOutsideTransaction(what: string, strict: boolean, warn: (message: string) => void): void {
  if (!inTransaction()) return;
  const error = new IoInTransactionError(what);
  if (strict) throw error;
  warn(error.message);
}
