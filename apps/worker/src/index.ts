export * from './worker.module';
export * from './worker-root.module';
