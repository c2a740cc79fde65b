export * from './api.module';
export * from './http-app';
export * from './launcher';
