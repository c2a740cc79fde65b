import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, Principal } from '@app/core';
import { PartnerService } from '@app/partners';
import { LaunchRepository } from './launch.repository';

/** The kit categories a partner launches automatically when a kit of the category is published. */
@Injectable()
export class AutoLaunchOptInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly launches: LaunchRepository,
    private readonly partners: PartnerService,
    private readonly audit: AuditService,
  ) {}

  /** Categories a partner has opted in to for auto-launch (partner users: their own partner only). */
  async optIns(principal: Principal, partnerId: string): Promise<string[]> {
    await this.partners.get(principal, partnerId);
    return this.launches.optIns(partnerId);
  }

  async setOptIns(principal: Principal, partnerId: string, categories: string[]): Promise<string[]> {
    await this.partners.get(principal, partnerId);
    await this.dataSource.transaction(async (manager) => {
      await this.launches.replaceOptIns(manager, partnerId, [...new Set(categories)]);
      await this.audit.record({ actorUserId: principal.userId, action: 'partner.auto_launch_changed', entityType: 'partner', entityId: partnerId, after: { categories } }, manager);
    });
    return this.optIns(principal, partnerId);
  }
}
