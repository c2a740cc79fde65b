export * from './api.module';
export { PORTAL_DIST_DIR, PORTAL_SECTIONS } from './pages/portal.route';
export { ACTION_KEY, PUBLIC_KEY } from './auth/auth.decorators';
