import { Module } from '@nestjs/common';
import { BrandModule } from '@app/brand';
import { PartnersModule } from '@app/partners';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [PartnersModule, BrandModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
