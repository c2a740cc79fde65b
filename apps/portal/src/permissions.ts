// The API's permissions table itself (it imports nothing but the role list), so the portal shows an
// action exactly to the roles the API's guard lets take it.
export { can as roleCan, PERMISSIONS, type Action } from '@app/core/auth/permissions';
