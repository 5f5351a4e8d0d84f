import { useId, useState, type FormEvent } from 'react';
import type { ActionBody } from '@streetchief/shared/domain/actions';
import type { Incident } from '@streetchief/shared/domain/incident';
import { checkAction } from '@streetchief/shared/domain/policy';
import type { User } from '@streetchief/shared/domain/roles';
import { postAction, refusalOf } from '../api/cases.ts';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { fromLocalInput, presetDeadline } from './deadlineInput.ts';

export interface DecisionFormProps {
  incident: Incident;
  user: User;
  lookups: Lookups;
  /** Names to offer for the responsible chief (the grid's chief, the one already named). */
  chiefSuggestions: readonly string[];
  /** The server accepted the decision and answered with the case after it. */
  onDecided: (incident: Incident, note: string) => void;
  /** 409: the case changed under the room; reload it. */
  onConflict: () => Promise<void>;
  onUnauthorized: () => void;
}

type Field = 'leadDept' | 'deadline' | 'responsibleChief' | 'reason' | null;

/**
 * The meeting's decision (例会决定) on one case: re-dispatch to a department, a new deadline, the
 * chief responsible for seeing it through, and the note that goes in the minutes. Posted as the
 * `decide` workflow action; enabled from the shared policy, so the button and the server agree.
 */
export function DecisionForm({ incident, user, lookups, chiefSuggestions, onDecided, onConflict, onUnauthorized }: DecisionFormProps) {
  const { t } = useI18n();
  const ids = useId();
  const [dept, setDept] = useState('');
  const [deadline, setDeadline] = useState('');
  const [chief, setChief] = useState('');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<{ field: Field; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const refusal = checkAction(user, incident, 'decide', new Date());
  const disabled = refusal !== null || sending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (refusal || sending) return;
    setDone(null);
    const reason = note.trim();
    if (!reason) return setProblem({ field: 'reason', message: t('meeting.form.noteRequired') });
    let deadlineIso: string | undefined;
    if (deadline) {
      const iso = fromLocalInput(deadline);
      if (!iso) return setProblem({ field: 'deadline', message: t('meeting.form.deadlineInvalid') });
      if (Date.parse(iso) <= Date.now()) return setProblem({ field: 'deadline', message: t('meeting.form.deadlinePast') });
      deadlineIso = iso;
    }
    const body: ActionBody = {
      type: 'decide',
      expectedVersion: incident.version,
      reason,
      // A re-dispatch keeps the assisting departments the case already has.
      assistDepts: dept ? incident.assistDepts : [],
      ...(dept ? { leadDept: dept } : {}),
      ...(deadlineIso ? { deadline: deadlineIso } : {}),
      ...(chief.trim() ? { responsibleChief: chief.trim() } : {}),
    };
    setSending(true);
    setProblem(null);
    try {
      const updated = await postAction(incident.id, body);
      onDecided(updated, reason);
      setDept('');
      setDeadline('');
      setChief('');
      setNote('');
      setDone(summary(updated, t, lookups, !!dept));
    } catch (err) {
      const r = refusalOf(err);
      if (r.status === 401) onUnauthorized();
      if (r.conflict) {
        await onConflict();
        setProblem({ field: null, message: t('meeting.form.conflict') });
      } else {
        setProblem({ field: (r.field as Field) ?? null, message: t('meeting.form.refused', { reason: r.reason }) });
      }
    } finally {
      setSending(false);
    }
  }

  const fieldError = (f: Field) =>
    problem?.field === f ? (
      <span className="mt-field-error" role="alert">
        {problem.message}
      </span>
    ) : null;

  return (
    <form className="mt-form" onSubmit={submit} aria-labelledby={`${ids}-title`} data-testid="decision-form" noValidate>
      <h3 className="mt-form-title" id={`${ids}-title`}>
        {t('meeting.form.title')}
      </h3>
      {refusal && (
        <p className="mt-form-refusal" data-testid="decision-refusal">
          {refusal.status === 403
            ? t('meeting.form.notYourRole', { role: t(`role.${user.role}` as MessageKey) })
            : t('meeting.form.notInState', { status: t(`status.${incident.status}` as MessageKey) })}
        </p>
      )}
      <div className="mt-form-grid">
        <label htmlFor={`${ids}-dept`}>{t('meeting.form.redispatch')}</label>
        <div>
          <select id={`${ids}-dept`} name="leadDept" value={dept} onChange={(e) => setDept(e.target.value)} disabled={disabled}>
            <option value="">{t('meeting.form.keepDept', { dept: lookups.department(incident.leadDept) ?? t('meeting.noDept') })}</option>
            {lookups.departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
          {fieldError('leadDept')}
        </div>

        <label htmlFor={`${ids}-deadline`}>{t('meeting.form.deadline')}</label>
        <div>
          <div className="mt-form-row">
            <input
              id={`${ids}-deadline`}
              name="deadline"
              type="datetime-local"
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
              disabled={disabled}
            />
            {[1, 3, 7].map((d) => (
              <button
                key={d}
                type="button"
                className="mt-preset"
                disabled={disabled}
                onClick={() => setDeadline(presetDeadline(new Date(), d))}
              >
                {t('meeting.form.plusDays', { n: d })}
              </button>
            ))}
          </div>
          <span className="mt-form-hint">{dept && !deadline ? t('meeting.form.deadlineByClass') : t('meeting.form.deadlineHint')}</span>
          {fieldError('deadline')}
        </div>

        <label htmlFor={`${ids}-chief`}>{t('meeting.form.chief')}</label>
        <div>
          <input
            id={`${ids}-chief`}
            name="responsibleChief"
            type="text"
            maxLength={64}
            list={`${ids}-chiefs`}
            value={chief}
            placeholder={incident.responsibleChief ?? ''}
            onChange={(e) => setChief(e.target.value)}
            disabled={disabled}
          />
          <datalist id={`${ids}-chiefs`}>
            {chiefSuggestions.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          {fieldError('responsibleChief')}
        </div>

        <label htmlFor={`${ids}-note`}>{t('meeting.form.note')}</label>
        <div>
          <textarea
            id={`${ids}-note`}
            name="reason"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            disabled={disabled}
            required
          />
          {fieldError('reason')}
        </div>
      </div>
      <div className="mt-form-actions">
        <button type="submit" className="mt-button mt-button-primary" disabled={disabled} data-testid="decision-submit">
          {sending ? t('meeting.form.sending') : t('meeting.form.submit')}
        </button>
        {problem && problem.field === null && (
          <span className="mt-form-problem" role="alert">
            {problem.message}
          </span>
        )}
        {done && (
          <span className="mt-form-done" role="status" data-testid="decision-done">
            {done}
          </span>
        )}
      </div>
    </form>
  );
}

/** What the decision did, in one line, from the case the server returned. */
function summary(c: Incident, t: ReturnType<typeof useI18n>['t'], lookups: Lookups, redispatched: boolean): string {
  const parts = [t('meeting.form.recorded')];
  if (redispatched) parts.push(t('meeting.h.redispatch', { dept: lookups.department(c.leadDept) ?? '' }));
  if (c.deadline) parts.push(t('meeting.h.deadline', { time: formatDateTime(c.deadline) }));
  if (c.responsibleChief) parts.push(t('meeting.h.chief', { name: c.responsibleChief }));
  return parts.join('；');
}
