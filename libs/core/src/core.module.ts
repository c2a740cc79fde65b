import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { AuthTokenEntity } from './auth/auth-token.entity';
import { AuthService } from './auth/auth.service';
import { InviteService } from './auth/invite.service';
import { UserInviteEntity } from './auth/user-invite.entity';
import { UserEntity } from './auth/user.entity';
import { UserRepository } from './auth/user.repository';
import { CacheInvalidation } from './cache/cache-invalidation.service';
import { Clock, SystemClock } from './clock/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthService } from './health/health.service';
import { SystemStateRepository } from './health/system-state.repository';
import { SystemStateService } from './health/system-state.service';
import { MailModule } from './mail/mail.module';
import { ImageService } from './media/image.service';
import { QueueModule } from './queue/queue.module';
import { StorageModule } from './storage/storage.module';

/**
 * Everything the domain libs stand on: config, database, queue, storage, mail, clock, auth, audit.
 * Tests replace the Clock provider with a FakeClock.
 */
export const CORE_ENTITIES = [UserEntity, AuthTokenEntity, UserInviteEntity];

@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        TypeOrmModule.forFeature(CORE_ENTITIES),
        QueueModule,
        StorageModule,
        MailModule,
      ],
      providers: [
        { provide: Clock, useClass: SystemClock },
        AuditRepository,
        AuditService,
        UserRepository,
        AuthService,
        InviteService,
        SystemStateRepository,
        SystemStateService,
        HealthService,
        ImageService,
        CacheInvalidation,
      ],
      exports: [CacheInvalidation, Clock, AuditService, UserRepository, AuthService, InviteService, SystemStateService, HealthService, ImageService],
    };
  }
}
