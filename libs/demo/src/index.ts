export * from './demo-seed.service';
export * from './demo.module';
export * from './demo-library';
