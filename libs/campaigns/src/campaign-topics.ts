/** Invalidation topics campaigns announces its changes on (keys: ids). */
export const LAUNCHES_TOPIC = 'launches';
export const KITS_TOPIC = 'kits';
