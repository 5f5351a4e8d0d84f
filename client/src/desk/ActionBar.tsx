import { useEffect, useRef, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import { EXTENSION_AFTER_DEADLINE } from '@streetchief/shared/domain/policy';
import type { User } from '@streetchief/shared/domain/roles';
import { ACTIONS } from '@streetchief/shared/domain/workflow';
import type { Lookups } from '../common/lookups.ts';
import { useNow } from '../common/useNow.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useDeskI18n } from '../i18n/desk.ts';
import { ACTION_SPECS, allowedActions, isOneClick, refusedAsLate, type CaseAction } from './actions.ts';
import { ActionForm } from './ActionForm.tsx';
import { isPlainKey, isTypingTarget } from './keys.ts';
import type { CaseActions } from './useCaseActions.ts';

export interface ActionBarProps {
  user: User;
  incident: Incident;
  lookups: Lookups;
  actions: CaseActions;
  /** Take the action letters from the keyboard (off while a dialog covers the page). */
  keyboard: boolean;
}

/** How often the bar looks at the clock: a deadline passing takes the extension steps away. */
const CLOCK_MS = 15_000;

/**
 * The buttons for exactly the actions this user may take on this case now (shared workflow table
 * + policy), each with its letter. One-click actions (立案, 受理, 批准延期 …) run at once; the others
 * open their form below the buttons. An extension step the passed deadline took away leaves the
 * reason in its place.
 */
export function ActionBar({ user, incident, lookups, actions, keyboard }: ActionBarProps) {
  const { t, td } = useDeskI18n();
  const now = new Date(useNow(CLOCK_MS));
  const allowed = allowedActions(user, incident, now);
  const late = refusedAsLate(user, incident, now);
  /** The buttons and the refusals, in table order. */
  const shown = ACTIONS.filter((a): a is CaseAction => allowed.includes(a as CaseAction) || late.includes(a as CaseAction));
  const [open, setOpen] = useState<CaseAction | null>(null);
  const { busy, problem, done, run, clear } = actions;

  // Another case, or this one moved on (someone else acted): close a form that no longer applies.
  const allowedKey = allowed.join(',');
  useEffect(() => {
    setOpen((a) => (a && allowedKey.split(',').includes(a) ? a : null));
  }, [allowedKey]);
  useEffect(() => {
    setOpen(null);
    clear();
  }, [incident.id, clear]);

  const trigger = (a: CaseAction) => {
    if (busy) return;
    if (isOneClick(a)) {
      setOpen(null);
      void run(incident, a);
    } else {
      clear();
      setOpen((cur) => (cur === a ? null : a));
    }
  };
  const triggerRef = useRef(trigger);
  triggerRef.current = trigger;
  const allowedRef = useRef(allowed);
  allowedRef.current = allowed;

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isPlainKey(e) || isTypingTarget(e.target)) return;
      const a = allowedRef.current.find((x) => ACTION_SPECS[x].key === e.key.toLowerCase());
      if (!a) return;
      e.preventDefault();
      triggerRef.current(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard]);

  const lateText = (a: CaseAction) => td(a === 'request_extension' ? 'late.noExtension' : 'late.noApproval');
  if (shown.length === 0) {
    return <p className="action-none">{t('action.none')}</p>;
  }
  const problemText =
    problem &&
    (problem.reason === EXTENSION_AFTER_DEADLINE
      ? lateText(problem.action)
      : problem.conflict
        ? t('action.conflict', { reason: problem.reason })
        : problem.status === 0
          ? t(problem.field === 'until' ? 'form.untilRequired' : problem.field === 'leadDept' ? 'form.deptRequired' : 'form.textRequired')
          : t('action.refused', { reason: problem.field ? `${problem.field}: ${problem.reason}` : problem.reason }));

  return (
    <section className="action-bar" aria-label={t('action.title')}>
      <div className="action-buttons">
        {shown.map((a) => {
          const spec = ACTION_SPECS[a];
          if (!allowed.includes(a)) {
            return (
              <p key={a} className="action-refused" data-refused={a} data-testid="action-refused">
                {lateText(a)}
              </p>
            );
          }
          return (
            <button
              key={a}
              type="button"
              className={`action action-${spec.tone}${open === a ? ' action-open' : ''}`}
              data-action={a}
              disabled={busy !== null}
              aria-expanded={isOneClick(a) ? undefined : open === a}
              aria-keyshortcuts={spec.key}
              onClick={() => trigger(a)}
            >
              {busy === a ? t('form.sending') : t(`action.${a}` as MessageKey)}
              <kbd>{spec.key.toUpperCase()}</kbd>
            </button>
          );
        })}
      </div>
      {open && (
        <ActionForm
          key={`${incident.id}:${open}`}
          action={open}
          incident={incident}
          lookups={lookups}
          busy={busy !== null}
          onCancel={() => setOpen(null)}
          onSubmit={(input) => {
            void run(incident, open, input).then((ok) => {
              if (ok) setOpen(null);
            });
          }}
        />
      )}
      {problemText && (
        <p className={`action-problem${problem?.conflict ? ' action-conflict' : ''}`} role="alert" data-testid="action-problem">
          {problemText}
        </p>
      )}
      {done && done.caseId === incident.id && !problem && (
        <p className="action-done" role="status" data-testid="action-done">
          ✓{' '}
          {done.action === 'assist_note'
            ? td('assist.noteSent')
            : done.action === 'assist_done'
              ? td('assist.doneSent')
              : t('action.done', { action: t(`action.${done.action}` as MessageKey) })}
        </p>
      )}
    </section>
  );
}
