import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssetUsageService } from '@app/assets';
import { AuditService, CacheInvalidation, Clock, DomainError, onBehalfOfPartner, Principal } from '@app/core';
import { LinkService } from '@app/links';
import { BlastService } from './blast.service';
import { LAUNCHES_TOPIC } from './campaign-topics';
import { LaunchEntity, LaunchStatus } from './launch.entity';
import { LaunchRepository } from './launch.repository';
import { LaunchService } from './launch.service';

const ALLOWED: Record<LaunchStatus, LaunchStatus[]> = { active: ['paused', 'ended'], paused: ['active', 'ended'], ended: [] };

/** Pausing, resuming and ending launches, with what follows: links, library usage, the blast, caches. */
@Injectable()
export class LaunchStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly launches: LaunchService,
    private readonly repository: LaunchRepository,
    private readonly links: LinkService,
    private readonly usage: AssetUsageService,
    private readonly blasts: BlastService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly invalidation: CacheInvalidation,
  ) {}

  /** Pause, resume or end: by the partner (its own) or the vendor. An ended launch stays ended. */
  async setStatus(principal: Principal, id: string, next: LaunchStatus): Promise<LaunchEntity> {
    const { launch } = await this.launches.get(principal, id);
    if (launch.status === next) return launch;
    if (!ALLOWED[launch.status].includes(next)) throw new DomainError('LAUNCH_STATUS', `A ${launch.status} launch cannot become ${next}`, 409);
    return this.dataSource.transaction(async (manager) => {
      await this.repository.setStatus(manager, id, next, next === 'ended' ? this.clock.now() : undefined);
      // An ended launch's links go to their fallback; a paused one only stops sending.
      if (next === 'ended') {
        await this.links.endLinksOfLaunch(id, manager);
        await this.usage.deactivateLaunch(id, manager);
      }
      await this.blasts.statusChanged(id, next, manager);
      await this.invalidation.publish(LAUNCHES_TOPIC, [id], manager);
      await this.audit.record(
        {
          actorUserId: principal.userId,
          onBehalfOfPartnerId: onBehalfOfPartner(principal, launch.partnerId),
          action: `launch.${next === 'active' ? 'resumed' : next}`,
          entityType: 'launch',
          entityId: id,
          before: { status: launch.status },
          after: { status: next },
        },
        manager,
      );
      return { ...launch, status: next, ...(next === 'ended' ? { endedAt: this.clock.now() } : {}) };
    });
  }
}
