export * from './factories';
export * from './fake-clock';
export * from './free-port';
export * from './test-app';
export * from './test-database';
export * from './role-matrix';
export * from './message-factories';
export * from './campaign-factories';
