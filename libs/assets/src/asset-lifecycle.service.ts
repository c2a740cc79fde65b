import { Injectable } from '@nestjs/common';

/**
 * Moves assets through their statuses and carries the consequences (holds, releases, swaps,
 * notices). `reconcile` is what every change to an asset's dates, successor, versions or archive
 * state calls; the sweep calls it for every asset whose transition is due.
 */
@Injectable()
export class AssetLifecycleService {
  /** Brings the given assets' statuses up to date with the clock and reports what changed. */
  async reconcile(_assetIds: string[]): Promise<void> {
    // Implemented with the expiry sweep.
  }

  /** The repeatable sweep: every asset whose transition or notice is due, in batches. */
  async sweep(): Promise<{ transitioned: number; notices: number }> {
    return { transitioned: 0, notices: 0 };
  }
}
