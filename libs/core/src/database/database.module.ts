import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { requireResolved } from '../config/resolved';

/** TypeORM on PostgreSQL. Schema changes come only from migrations (run at boot, see migrate.ts). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: requireResolved(config.database.url, 'DATABASE_URL'),
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        logging: ['error' as const],
        extra: { max: config.database.poolSize, application_name: `channelkit-${config.role}` },
      }),
    }),
  ],
})
export class DatabaseModule {}
