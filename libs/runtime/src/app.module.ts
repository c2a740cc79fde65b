import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@app/core';
import { PartnersModule } from '@app/partners';
import { WorkerModule } from './worker.module';

/** The worker process: the domain libs and the processors, no HTTP server. */
@Module({})
export class WorkerRootModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerRootModule, imports: [CoreModule.forRoot(config), PartnersModule, WorkerModule] };
  }
}
