import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { SystemStateRepository } from './system-state.repository';

/** Small key/value facts the platform keeps about itself (worker heartbeat, demo seed marker). */
@Injectable()
export class SystemStateService {
  constructor(
    private readonly state: SystemStateRepository,
    private readonly clock: Clock,
  ) {}

  async set(key: string, value: unknown): Promise<void> {
    await this.state.upsert(key, value, this.clock.now());
  }

  async get<T>(key: string): Promise<{ value: T; updatedAt: Date } | null> {
    const row = await this.state.find<T>(key);
    return row ? { value: row.value, updatedAt: row.updated_at } : null;
  }

  /** The value under `key`, stored first as `create()` gives it unless another process stored one already. */
  async getOrCreate<T>(key: string, create: () => T): Promise<T> {
    await this.state.insertIfAbsent(key, create());
    const row = await this.state.find<T>(key);
    if (!row) throw new Error(`system state ${key} is missing right after it was stored`);
    return row.value;
  }

  async recordHeartbeat(worker: string): Promise<void> {
    await this.set('worker-heartbeat', { worker, at: this.clock.now().toISOString() });
  }
}
