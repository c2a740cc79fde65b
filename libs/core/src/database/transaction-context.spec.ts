import { EntityManager } from 'typeorm';
import { checkOutsideTransaction, inTransaction, IoInTransactionError, trackTransactions } from './transaction-context';

/** An entity manager whose "connection" hands out a query runner that only records what it was asked. */
function fakeManager(): EntityManager {
  const manager = Object.create(EntityManager.prototype) as EntityManager;
  const runner = {
    isReleased: false,
    manager,
    startTransaction: () => Promise.resolve(),
    commitTransaction: () => Promise.resolve(),
    rollbackTransaction: () => Promise.resolve(),
    release: () => Promise.resolve(),
  };
  Object.defineProperty(manager, 'connection', { value: { createQueryRunner: () => runner } });
  return manager;
}

describe('transaction context', () => {
  beforeAll(() => trackTransactions());

  it('is open inside a transaction callback, also after an await there, and closed once it returns', async () => {
    const manager = fakeManager();
    expect(inTransaction()).toBe(false);
    const seen = await manager.transaction(async () => {
      const before = inTransaction();
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [before, inTransaction()];
    });
    expect(seen).toEqual([true, true]);
    expect(inTransaction()).toBe(false);
  });

  it('throws under test for S3 or SMTP inside a transaction, and warns elsewhere', async () => {
    const manager = fakeManager();
    const warnings: string[] = [];
    await expect(manager.transaction(async () => checkOutsideTransaction('S3 put', true, (m) => warnings.push(m)))).rejects.toBeInstanceOf(IoInTransactionError);
    await manager.transaction(async () => checkOutsideTransaction('SMTP send', false, (m) => warnings.push(m)));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('SMTP send called inside a database transaction');
    expect(() => checkOutsideTransaction('S3 put', true, (m) => warnings.push(m))).not.toThrow();
  });

  it('patches once however many services track', async () => {
    trackTransactions();
    trackTransactions();
    const manager = fakeManager();
    expect(await manager.transaction(async () => inTransaction())).toBe(true);
  });
});
