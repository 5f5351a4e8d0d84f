import { useEffect, useRef, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import { CaseNo } from '../../common/CaseNo.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useFieldI18n } from '../../i18n/field.ts';
import type { NetState } from '../net/connectivity.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { OutboxItem } from '../outbox/items.ts';
import type { FieldReference } from '../reference.ts';
import { BeforeAfter } from './BeforeAfter.tsx';
import { CheckForm, type CheckAction } from './CheckForm.tsx';
import { beforeAfter } from './feedback.ts';
import { useChecks, useFeedbackNotes, type FeedbackState } from './useChecks.ts';

/** A check this phone made (kept by the shell, so the confirmation outlives a tab switch). */
export interface CheckedCase {
  incidentId: string;
  caseNo: string | null;
  /** The version checked: a later version (the department's next result) is listed again. */
  version: number;
  action: CheckAction;
  group: string;
  label: string;
}

type CheckStatus = { kind: 'queued' } | { kind: 'sent' } | { kind: 'refused'; reason: string };

function statusOf(c: CheckedCase, queued: readonly OutboxItem[]): CheckStatus {
  const mine = queued.filter((i) => i.group === c.group);
  const refused = mine.find((i) => i.failed);
  if (refused) return { kind: 'refused', reason: refused.failed!.reason };
  return mine.length > 0 ? { kind: 'queued' } : { kind: 'sent' };
}

/**
 * 核查: grid staff and patrols check handled cases in their grids on site. Each card has what the
 * check is against: the department's result note, and the photos before (上报) and after (反馈).
 * Pass or fail is queued like everything else; the case leaves the list at once with a
 * confirmation naming its number, and a refusal from the server (409: it changed meanwhile) brings
 * it back with the reason.
 */
export function CheckPanel({
  user,
  reference,
  outbox,
  queued,
  net,
  checked,
  onChecked,
}: {
  user: User;
  reference: FieldReference;
  outbox: Outbox;
  queued: readonly OutboxItem[];
  net: NetState;
  checked: readonly CheckedCase[];
  onChecked: (c: CheckedCase) => void;
}) {
  const { t, tf } = useFieldI18n();
  const { cases, offline, reload } = useChecks(user, net);
  const notes = useFeedbackNotes(cases, net);
  const [open, setOpen] = useState<string | null>(null);

  // A check has left the outbox: the server's list has changed.
  const pendingChecks = queued.filter((i) => i.payload.kind === 'check' && !i.failed);
  const sentCount = useRef(pendingChecks.length);
  useEffect(() => {
    if (pendingChecks.length < sentCount.current) reload();
    sentCount.current = pendingChecks.length;
  });

  const hiddenAt = new Map<string, number>();
  for (const i of pendingChecks) if (i.payload.kind === 'check') hiddenAt.set(i.payload.incidentId, Number.MAX_SAFE_INTEGER);
  for (const c of checked)
    if (statusOf(c, queued).kind !== 'refused') hiddenAt.set(c.incidentId, Math.max(hiddenAt.get(c.incidentId) ?? 0, c.version));
  const waiting = cases.filter((c) => c.version > (hiddenAt.get(c.id) ?? 0));
  const expanded = open ?? (waiting.length === 1 ? waiting[0]!.id : null);

  return (
    <div className="field-checks" data-testid="check-panel">
      {checked.length > 0 && (
        <ul className="field-checked" role="status" data-testid="check-done">
          {checked.map((c) => {
            const s = statusOf(c, queued);
            return (
              <li key={c.group} className={`field-checked-${c.action} field-checked-${s.kind}`} data-case-no={c.caseNo ?? ''}>
                <strong>
                  {c.action === 'check_pass' ? '✓ ' : '↩ '}
                  {tf(c.action === 'check_pass' ? 'fieldx.check.passed' : 'fieldx.check.failed', { no: c.caseNo ?? c.label })}
                </strong>
                <small>
                  {c.label} ·{' '}
                  {s.kind === 'refused'
                    ? tf('fieldx.check.refused', { reason: s.reason })
                    : tf(s.kind === 'queued' ? 'fieldx.check.queued' : 'fieldx.check.sent')}
                </small>
              </li>
            );
          })}
        </ul>
      )}
      {offline && <p className="field-note">{t('field.check.offline')}</p>}
      {waiting.length === 0 ? (
        <p className="field-empty">{t('field.check.none')}</p>
      ) : (
        <p className="field-count">{tf('fieldx.check.count', { n: waiting.length })}</p>
      )}
      <ul className="field-cards">
        {waiting.map((c) => (
          <CheckCard
            key={c.id}
            incident={c}
            reference={reference}
            feedback={notes.get(c.id) ?? 'loading'}
            expanded={c.id === expanded}
            onToggle={() => setOpen(c.id === expanded ? null : c.id)}
            outbox={outbox}
            onDone={(action, group) => {
              setOpen(null);
              onChecked({
                incidentId: c.id,
                caseNo: c.caseNo ?? null,
                version: c.version,
                action,
                group,
                label: `${reference.className(c.categoryCode)} · ${reference.gridName(c.gridCode)}`,
              });
            }}
          />
        ))}
      </ul>
    </div>
  );
}

function CheckCard({
  incident: c,
  reference,
  feedback,
  expanded,
  onToggle,
  outbox,
  onDone,
}: {
  incident: Incident;
  reference: FieldReference;
  feedback: FeedbackState;
  expanded: boolean;
  onToggle: () => void;
  outbox: Outbox;
  onDone: (action: CheckAction, group: string) => void;
}) {
  const { tf } = useFieldI18n();
  const note = typeof feedback === 'object' ? feedback : null;
  const { before, after } = beforeAfter(c.photos, note?.roundStart ?? null);
  const name = reference.className(c.categoryCode);
  return (
    <li className="field-card field-check-card" data-testid="check-case" data-id={c.id} data-case-no={c.caseNo ?? ''}>
      <button type="button" className="field-card-head" onClick={onToggle} aria-expanded={expanded}>
        <span className="field-card-title">
          <strong>{name}</strong>
          <CaseNo incident={c} />
        </span>
        <small>{reference.gridName(c.gridCode)}</small>
      </button>
      <p className="field-card-meta">
        {tf('fieldx.check.handledAt', { dept: reference.deptName(c.leadDept), time: c.handledAt ? formatDateTime(c.handledAt) : '—' })}
        {c.reworkCount > 0 && <span className="field-flag">{tf('fieldx.check.rework', { n: c.reworkCount })}</span>}
      </p>
      <p className="field-card-desc">{c.description}</p>
      {feedback !== 'none' && (
        <div className="field-feedback" data-testid="check-feedback" data-state={note ? 'note' : feedback}>
          {note ? (
            <>
              <h3>{tf('fieldx.check.feedback', { who: note.who, time: formatDateTime(note.at) })}</h3>
              <p>{note.note}</p>
            </>
          ) : (
            <p className="field-note">{tf(feedback === 'loading' ? 'fieldx.check.feedbackLoading' : 'fieldx.check.feedbackMissing')}</p>
          )}
        </div>
      )}
      <BeforeAfter before={before} after={after} />
      {expanded ? (
        <CheckForm incident={c} outbox={outbox} label={name} onDone={onDone} />
      ) : (
        <button type="button" className="field-secondary field-wide" onClick={onToggle} data-testid="check-open">
          {tf('fieldx.check.open')}
        </button>
      )}
    </li>
  );
}
