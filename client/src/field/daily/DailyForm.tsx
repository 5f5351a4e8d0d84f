import { useEffect, useMemo, useState } from 'react';
import { CHECKLIST_ITEMS, emptyChecklist, type Checklist, type DailyReport } from '@streetchief/shared/field/dailyReport';
import { dayOf } from '@streetchief/shared/calendar/day';
import { gridsCrossed } from '@streetchief/shared/field/gridsCrossed';
import type { Fix } from '@streetchief/shared/field/track';
import { requestJson } from '../../api/http.ts';
import { formatTime } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/dict.ts';
import { newUuid } from '../../photos/resize.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { OutboxItem } from '../outbox/items.ts';
import type { FieldReference } from '../reference.ts';

interface Draft {
  day: string;
  deadline: string;
  gridsCovered: string[];
  gridsMissed: string[];
  distanceM: number;
  incidents: { id: string }[];
  existing: DailyReport | null;
}

/**
 * 日巡日报: the grids covered (computed from the day's tracks by the server; a local preview from the
 * phone's own track when offline), the checklist, today's reports (linked by the server), notes.
 */
export function DailyForm({
  reference,
  outbox,
  queued,
  track,
  gridCodes,
}: {
  reference: FieldReference;
  outbox: Outbox;
  queued: readonly OutboxItem[];
  track: readonly Fix[];
  gridCodes: readonly string[];
}) {
  const { t } = useI18n();
  const day = dayOf(Date.now());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [offline, setOffline] = useState(false);
  const [checklist, setChecklist] = useState<Checklist>(emptyChecklist);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const queuedDaily = queued.find((i) => i.payload.kind === 'daily' && i.payload.body.day === day);
  const queuedReports = queued.filter((i) => i.payload.kind === 'report' && !i.failed).length;

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      requestJson(`/api/daily-reports/draft?day=${day}`).then(
        (d) => {
          if (cancelled) return;
          setDraft(d as Draft);
          setOffline(false);
        },
        () => !cancelled && setOffline(true),
      );
    void load();
    // Track points still in the outbox are not on the server yet: ask again once they are.
    let pending = outbox.getView().pending;
    const unsubscribe = outbox.subscribe(() => {
      const now = outbox.getView().pending;
      if (pending > 0 && now === 0) void load();
      pending = now;
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [day, outbox]);

  const localGrids = useMemo(
    () => (reference.index ? gridsCrossed(track, reference.index).map((v) => v.code) : []),
    [track, reference.index],
  );
  const covered = draft && !offline ? draft.gridsCovered : localGrids;
  const missed = draft && !offline ? draft.gridsMissed : gridCodes.filter((g) => !localGrids.includes(g));
  const filed = draft?.existing ?? null;

  async function submit() {
    setBusy(true);
    try {
      await outbox.enqueue([
        {
          payload: { kind: 'daily', body: { id: newUuid(), day, submittedAt: new Date().toISOString(), checklist, notes: notes.trim() } },
          label: t('field.daily.title'),
        },
      ]);
    } finally {
      setBusy(false);
    }
  }

  const set = (k: keyof Checklist, patch: Partial<Checklist[keyof Checklist]>) =>
    setChecklist((c) => ({ ...c, [k]: { ...c[k], ...patch } }));

  return (
    <div className="field-daily" data-testid="daily-form">
      <h2>
        {t('field.daily.title')} · {day}
      </h2>
      {draft && <p className="field-note">{t('field.daily.deadline', { time: formatTime(draft.deadline).slice(0, 5) })}</p>}
      {filed && (
        <p className="field-ok" data-testid="daily-filed">
          {t('field.daily.filed', { time: formatTime(filed.submittedAt).slice(0, 5) })}
          {filed.late && ` · ${t('field.daily.late')}`}
        </p>
      )}
      {!filed && queuedDaily && (
        <p className="field-ok" data-testid="daily-queued">
          {queuedDaily.failed ? queuedDaily.failed.reason : t('field.daily.queued')}
        </p>
      )}

      <section className="field-section">
        <h3>
          {t('field.daily.covered', { n: covered.length })}
          {offline && <small> · {t('field.daily.preview')}</small>}
        </h3>
        <ul className="field-grid-list" data-testid="daily-grids">
          {covered.map((g) => (
            <li key={g} data-code={g}>
              ✓ {reference.gridName(g)}
            </li>
          ))}
          {missed.map((g) => (
            <li key={g} className="field-missed" data-code={g}>
              ✗ {reference.gridName(g)}
            </li>
          ))}
        </ul>
        <p className="field-note" data-testid="daily-cases">
          {t('field.daily.cases', { n: (draft && !offline ? draft.incidents.length : 0) + queuedReports })}
        </p>
      </section>

      {!filed && !queuedDaily && (
        <>
          <section className="field-section">
            <h3>{t('field.daily.checklist')}</h3>
            <ul className="field-checklist">
              {CHECKLIST_ITEMS.map((k) => (
                <li key={k}>
                  <span>{t(`field.checklist.${k}` as MessageKey)}</span>
                  <div className="field-stepper">
                    <button type="button" aria-label="−" onClick={() => set(k, { count: Math.max(0, checklist[k].count - 1) })}>
                      −
                    </button>
                    <output data-testid={`daily-count-${k}`}>{checklist[k].count}</output>
                    <button
                      type="button"
                      aria-label="+"
                      onClick={() => set(k, { count: Math.min(999, checklist[k].count + 1) })}
                      data-testid={`daily-plus-${k}`}
                    >
                      +
                    </button>
                  </div>
                  {checklist[k].count > 0 && (
                    <input
                      className="field-input"
                      placeholder={t('field.daily.itemNote')}
                      value={checklist[k].note}
                      maxLength={500}
                      onChange={(e) => set(k, { note: e.target.value })}
                    />
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section className="field-section">
            <h3>{t('field.daily.notes')}</h3>
            <textarea
              className="field-text"
              rows={3}
              maxLength={2000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              data-testid="daily-notes"
            />
          </section>
          <button type="button" className="field-primary" disabled={busy} onClick={() => void submit()} data-testid="daily-submit">
            {t('field.daily.submit')}
          </button>
        </>
      )}
    </div>
  );
}
