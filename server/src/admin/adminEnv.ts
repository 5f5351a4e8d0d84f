import type { User } from '@streetchief/shared';
import type { ScopeReference } from '@streetchief/shared/admin/index';
import { CLI_ACTOR_ID } from '@streetchief/shared/admin/index';
import type { Sessions } from '../auth/sessions.ts';
import type { CommandContext } from '../commands/context.ts';
import type { Reference } from '../reference.ts';
import type { AuditActor } from '../store/auditRepo.ts';
import type { Store } from '../store/store.ts';

/** What the account and display commands run with, on the server or from the command line. */
export interface AdminEnv {
  store: Store;
  now: () => Date;
  /** The codes scopes may name; read at each call, since an import may replace the reference data. */
  scopeRef: () => ScopeReference;
  /** Close the live sockets of sessions a command ended (after its commit). The command line has none to close. */
  disconnect: (sessionIds: readonly string[]) => void;
}

/** Scope codes from the loaded reference data: grids on the map (not retired ones), streets, departments. */
export function scopeReferenceOf(ref: Reference): ScopeReference {
  const grids = new Set(ref.grids.map((g) => g.code));
  const streets = new Set(ref.streets.map((s) => s.code));
  return { hasGrid: (c) => grids.has(c), hasStreet: (c) => streets.has(c), hasDepartment: (c) => ref.departments.has(c) };
}

/** The server's environment: its store, clock, reference data and sessions. */
export function serverAdminEnv(ctx: CommandContext, sessions: Sessions): AdminEnv {
  let cached: { ref: Reference; scope: ScopeReference } | null = null;
  return {
    store: ctx.store,
    now: ctx.now,
    scopeRef: () => {
      if (cached?.ref !== ctx.ref) cached = { ref: ctx.ref, scope: scopeReferenceOf(ctx.ref) };
      return cached.scope;
    },
    disconnect: (ids) => sessions.disconnect(ids),
  };
}

export const actorOfUser = (u: User): AuditActor => ({ id: u.id, name: u.displayName });

/** The command line as an actor in the audit log. */
export const CLI_ACTOR: AuditActor = { id: CLI_ACTOR_ID, name: 'cli' };
