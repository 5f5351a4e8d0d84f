import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import { MAX_PHOTOS_PER_STEP } from '@streetchief/shared/domain/incident';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useDeskI18n } from '../i18n/desk.ts';
import { ACTION_SPECS, type ActionInput, type CaseAction } from './actions.ts';
import { fromShanghaiLocalInput, toShanghaiLocalInput } from './deadline.ts';
import { CheckerPicker } from './CheckerPicker.tsx';
import { PhotoPicker, type PhotoSelection } from './PhotoPicker.tsx';

export interface ActionFormProps {
  action: CaseAction;
  incident: Incident;
  lookups: Lookups;
  /** An action is being sent: the confirm button waits. */
  busy: boolean;
  onSubmit: (input: ActionInput) => void;
  onCancel: () => void;
  /** Phone size: big fields and buttons. */
  large?: boolean;
}

/** Default for 延期至: a day after the current deadline (or now, if it has passed), on the hour. */
function defaultUntil(c: Incident): string {
  const base = Math.max(Date.now(), c.deadline ? Date.parse(c.deadline) : 0);
  const t = base + 86_400_000;
  return toShanghaiLocalInput(t - (t % 3_600_000));
}

/**
 * The inputs one action needs, and nothing else: a reason or note, the departments (the class's
 * department pre-selected as the suggestion), the extension date, photos. Enter sends (Shift+Enter
 * is a new line), Esc cancels. The confirm button has the focus when there is nothing to type, so a
 * dispatch to the suggested department is one click and Enter.
 */
export function ActionForm({ action, incident, lookups, busy, onSubmit, onCancel, large = false }: ActionFormProps) {
  const { t, td } = useDeskI18n();
  const spec = ACTION_SPECS[action];
  const suggested = lookups.caseClass(incident.categoryCode)?.departmentCode ?? '';
  const optionalDepts = spec.departments === 'optional';
  const [text, setText] = useState('');
  // 派遣 starts on the suggestion; an optional re-dispatch (例会决定) starts on "keep".
  const [leadDept, setLeadDept] = useState(optionalDepts ? '' : suggested);
  const [assist, setAssist] = useState<string[]>([]);
  const [date, setDate] = useState(() => (spec.date?.required ? defaultUntil(incident) : ''));
  const [photos, setPhotos] = useState<PhotoSelection>({ ids: [], busy: false });
  const [checkerId, setCheckerId] = useState('');
  const label = t(`action.${action}` as MessageKey);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy || photos.busy) return;
    const input: ActionInput = { text };
    if (spec.departments) {
      input.leadDept = leadDept;
      input.assistDepts = assist;
    }
    if (spec.date && date) input.date = fromShanghaiLocalInput(date) ?? '';
    if (spec.photos) input.photoIds = photos.ids;
    if (spec.checker) input.checkerId = checkerId;
    onSubmit(input);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    }
  }

  const textLabel = spec.text
    ? (action === 'assist_note'
        ? td('assist.noteLabel')
        : action === 'assist_done'
          ? td('assist.doneNote')
          : t(spec.text.field === 'note' ? (action === 'feedback' ? 'form.feedbackNote' : 'form.note') : 'form.reason')) +
      (spec.text.required ? '' : t('form.optional'))
    : '';

  return (
    <form
      className={`action-form${large ? ' action-form-large' : ''}`}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      data-testid="action-form"
      data-action={action}
    >
      {spec.checker && <CheckerPicker gridCode={incident.gridCode} value={checkerId} onChange={setCheckerId} />}
      {spec.departments && (
        <div className="form-row">
          <label className="form-field">
            <span>{t('form.leadDept')}</span>
            <select value={leadDept} onChange={(e) => setLeadDept(e.target.value)} name="leadDept" data-testid="lead-dept">
              {optionalDepts ? (
                <option value="">{t('form.keepDept')}</option>
              ) : (
                !suggested && <option value="">{t('form.chooseDept')}</option>
              )}
              {lookups.departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                  {d.code === suggested ? t('form.suggested') : ''}
                </option>
              ))}
            </select>
          </label>
          {leadDept && (
            <fieldset className="form-field assist-depts">
              <legend>{t('form.assistDepts')}</legend>
              {lookups.departments
                .filter((d) => d.code !== leadDept)
                .map((d) => (
                  <label key={d.code} className="check-option">
                    <input
                      type="checkbox"
                      checked={assist.includes(d.code)}
                      onChange={(e) => setAssist((a) => (e.target.checked ? [...a, d.code] : a.filter((x) => x !== d.code)))}
                    />
                    {d.name}
                  </label>
                ))}
            </fieldset>
          )}
        </div>
      )}
      {spec.text && (
        <label className="form-field">
          <span>{textLabel}</span>
          <textarea
            name={spec.text.field}
            rows={large ? 3 : 2}
            value={text}
            autoFocus
            required={spec.text.required}
            maxLength={1000}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
          />
        </label>
      )}
      {spec.date && (
        <label className="form-field">
          <span>{t(spec.date.field === 'until' ? 'form.until' : 'form.newDeadline') + (spec.date.required ? '' : t('form.optional'))}</span>
          <input
            type="datetime-local"
            name={spec.date.field}
            value={date}
            min={toShanghaiLocalInput(Date.now())}
            onChange={(e) => setDate(e.target.value)}
            required={spec.date.required}
          />
        </label>
      )}
      {spec.photos && (
        <div className="form-field">
          <span>{t('form.photos', { max: MAX_PHOTOS_PER_STEP })}</span>
          <PhotoPicker max={MAX_PHOTOS_PER_STEP} onChange={setPhotos} large={large} />
        </div>
      )}
      <div className="form-buttons">
        <button
          type="submit"
          className={`action action-${spec.tone}`}
          disabled={busy || photos.busy}
          autoFocus={!spec.text && !spec.checker}
          data-testid="action-confirm"
        >
          {photos.busy ? t('photo.waiting') : busy ? t('form.sending') : t('form.confirm', { action: label })}
        </button>
        <button type="button" className="action action-ghost" onClick={onCancel}>
          {t('form.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
