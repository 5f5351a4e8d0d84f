/** Accounts, sessions, audit log and wall displays: the administration API's contract. */
export * from './audit.ts';
export * from './displays.ts';
export * from './password.ts';
export * from './session.ts';
export * from './users.ts';
export * from '../domain/roleScope.ts';
