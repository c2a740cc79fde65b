import { DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from '@app/api';
import { AppConfig, CoreModule } from '@app/core';
import { PartnersModule } from '@app/partners';
import { WorkerModule } from '@app/worker';

/**
 * What one process runs, by `config.role`: `api` is the HTTP application, `all` adds the worker's
 * processors and sweeps to it in the same process, `worker` is the processors alone (no HTTP
 * server). The only place that knows both apps.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.role === 'worker') return { module: AppModule, imports: [CoreModule.forRoot(config), PartnersModule, WorkerModule] };
    return { module: AppModule, imports: [ApiModule.forRoot(config), ...(config.role === 'all' ? [WorkerModule] : [])] };
  }
}
