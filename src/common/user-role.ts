/**
 * What a staff member may do. Here, not in users/, because the guards' decorators in common/
 * need it and lower folders do not import features.
 */
export const USER_ROLES = ['admin', 'attorney'] as const;
export type UserRole = (typeof USER_ROLES)[number];
