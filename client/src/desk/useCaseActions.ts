import { useCallback, useRef, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import { postAction, refusalOf } from '../api/cases.ts';
import { buildActionBody, type ActionInput, type CaseAction } from './actions.ts';

/** Why an action did not happen: a field the form must fix, or the server's refusal. */
export interface ActionProblem {
  action: CaseAction;
  /** 0 for a check in the browser, else the HTTP status. */
  status: number;
  field: string | null;
  reason: string;
  /** 409: someone else changed the case; it has been reloaded. */
  conflict: boolean;
}

export interface CaseActions {
  /** The action being sent, if any (buttons are disabled meanwhile). */
  busy: CaseAction | null;
  problem: ActionProblem | null;
  /** The last action that went through, for a short confirmation. */
  done: { action: CaseAction; caseId: string } | null;
  /** Sends one action on the case as the user saw it (its version). True when it went through. */
  run: (incident: Incident, action: CaseAction, input?: ActionInput) => Promise<boolean>;
  clear: () => void;
}

export interface CaseActionHandlers {
  /** The server's answer: the case after the action. Apply it to the live state at once. */
  onApplied: (incident: Incident) => void;
  /** 409: fetch the case again (someone else changed it). */
  onConflict: () => Promise<void>;
  onUnauthorized: () => void;
}

/**
 * Sends workflow actions the same way on every desk and on the check page: the body is built and
 * validated with the shared schema, `expectedVersion` is the version on screen, a 409 reloads the
 * case and says someone else changed it, other refusals show the server's reason.
 */
export function useCaseActions(handlers: CaseActionHandlers): CaseActions {
  const [busy, setBusy] = useState<CaseAction | null>(null);
  const [problem, setProblem] = useState<ActionProblem | null>(null);
  const [done, setDone] = useState<CaseActions['done']>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const inFlight = useRef(false);

  const run = useCallback(async (incident: Incident, action: CaseAction, input: ActionInput = {}): Promise<boolean> => {
    if (inFlight.current) return false;
    const built = buildActionBody(action, incident.version, input);
    if (!built.ok) {
      setProblem({ action, status: 0, field: built.field, reason: built.reason, conflict: false });
      return false;
    }
    inFlight.current = true;
    setBusy(action);
    setProblem(null);
    setDone(null);
    try {
      const next = await postAction(incident.id, built.body);
      handlersRef.current.onApplied(next);
      setDone({ action, caseId: incident.id });
      return true;
    } catch (err) {
      const r = refusalOf(err);
      setProblem({ action, status: r.status, field: r.field, reason: r.reason, conflict: r.conflict });
      if (r.status === 401) handlersRef.current.onUnauthorized();
      if (r.conflict) await handlersRef.current.onConflict();
      return false;
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }, []);

  const clear = useCallback(() => {
    setProblem(null);
    setDone(null);
  }, []);

  return { busy, problem, done, run, clear };
}
