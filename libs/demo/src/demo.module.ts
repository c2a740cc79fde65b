import { Module } from '@nestjs/common';
import { PartnersModule } from '@app/partners';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [PartnersModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
