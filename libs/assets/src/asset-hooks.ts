import { Injectable, Logger } from '@nestjs/common';

/** What changed for a set of assets: the sweep, an extension, a new version or successor report it. */
export interface AssetChange {
  /** No longer usable and nothing stands in: hold what sends them, show them as withdrawn. */
  withdrawn: string[];
  /** Expired, with a successor standing in: re-render what shows them. */
  replaced: string[];
  /** Usable again, or newly replaced: release what was held for them. */
  restored: string[];
}

export type AssetChangeHandler = (change: AssetChange) => Promise<void>;

/**
 * Libs above the library (campaigns re-render renditions, mailing releases held email) register
 * here in their `onModuleInit`, so the library never depends on them.
 */
@Injectable()
export class AssetHooks {
  private readonly logger = new Logger(AssetHooks.name);
  private readonly handlers = new Map<string, AssetChangeHandler>();

  register(name: string, handler: AssetChangeHandler): void {
    this.handlers.set(name, handler);
  }

  /** Runs every handler; one failing does not stop the others (the sweep runs again and they are idempotent). */
  async changed(change: AssetChange): Promise<void> {
    if (change.withdrawn.length + change.replaced.length + change.restored.length === 0) return;
    for (const [name, handler] of this.handlers) {
      try {
        await handler(change);
      } catch (error) {
        this.logger.error(`asset change handler ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
  }
}
