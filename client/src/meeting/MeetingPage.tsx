import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { Role } from '@streetchief/shared/domain/roles';
import { RoleGate } from '../auth/RoleGate.tsx';
import { SessionControls } from '../auth/SessionControls.tsx';
import type { SessionContext } from '../auth/SessionGate.tsx';
import { buildLookups } from '../common/lookups.ts';
import { useNow } from '../common/useNow.ts';
import { useReference } from '../common/useReference.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDate, formatTime } from '../i18n/format.ts';
import { useLiveSync } from '../sync/useLiveSync.ts';
import { AgendaList } from './AgendaList.tsx';
import { CasePanel } from './CasePanel.tsx';
import { downloadMinutes } from './exportMinutes.ts';
import { MinutesPanel } from './MinutesPanel.tsx';
import { MinutesPrint } from './MinutesPrint.tsx';
import { groupAgenda, liveAgendaCases } from './model.ts';
import { useAgendaFigures } from './useAgendaFigures.ts';
import { useMinutes } from './useMinutes.ts';
import { WorstUnits } from './WorstUnits.tsx';
import './meeting.css';

/** Who sits in the joint meeting (the agenda endpoint's roles). Deciding is narrower: see the workflow table. */
const MEETING_ROLES: readonly Role[] = ['supervisor', 'street_chief', 'dispatcher', 'admin'];

/** Overdue is time-driven: the agenda is re-evaluated this often as well as on every event. */
const CLOCK_MS = 30_000;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** `/meeting`: the joint meeting (联席例会) on a projector. */
export default function MeetingPage({ session }: { session: SessionContext }) {
  return (
    <RoleGate user={session.user} roles={MEETING_ROLES}>
      <Meeting session={session} />
    </RoleGate>
  );
}

function Meeting({ session }: { session: SessionContext }) {
  const { t, lang } = useI18n();
  const { user, onUnauthorized, epoch } = session;
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('page-meeting');
    const title = document.title;
    document.title = t('meeting.docTitle');
    return () => {
      root.classList.remove('page-meeting');
      document.title = title;
    };
  }, [t]);

  const { sync, state } = useLiveSync({ onUnauthorized, epoch });
  const reference = useReference(onUnauthorized);
  const lookups = useMemo(
    () => buildLookups(reference.grids, reference.categories, lang),
    [reference.grids, reference.categories, lang],
  );
  const figures = useAgendaFigures(onUnauthorized);
  const now = useNow(CLOCK_MS);
  const minutes = useMinutes(state);

  // Before the live state loads, the server's agenda; after, the same rule over the live cases.
  const agenda = useMemo(
    () => groupAgenda(state.loaded ? liveAgendaCases(state.incidents.values(), new Date(now)) : (figures.agenda?.cases ?? [])),
    // `state.revision` changes with every applied event; the Map inside is updated in place.
    [state.revision, state.loaded, now, figures.agenda],
  );
  const order = useMemo(() => agenda.groups.flatMap((g) => g.items.map((i) => i.incident.id)), [agenda]);

  const [selectedId, setSelectedId] = useState<string | null>(() => new URLSearchParams(window.location.hash.slice(1)).get('case'));
  // Something is always on the screen: the first item until the room picks one.
  useEffect(() => {
    if (!selectedId && order[0]) setSelectedId(order[0]);
  }, [selectedId, order]);
  useEffect(() => {
    window.history.replaceState(null, '', selectedId ? `#case=${selectedId}` : window.location.pathname);
  }, [selectedId]);

  // ↑/↓ (or j/k) walk the agenda when no field has the focus.
  const keys = useRef({ order, selectedId });
  keys.current = { order, selectedId };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
      if (!step) return;
      const { order: ids, selectedId: current } = keys.current;
      if (ids.length === 0) return;
      e.preventDefault();
      const i = current ? ids.indexOf(current) : -1;
      setSelectedId(ids[Math.max(0, Math.min(ids.length - 1, i < 0 ? 0 : i + step))]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onApplied = useCallback((c: Incident) => sync.applyLocal(c), [sync]);
  const { addAnswer } = minutes;
  const refreshFigures = figures.refresh;
  const onDecided = useCallback(
    (c: Incident, note: string) => {
      sync.applyLocal(c);
      addAnswer(c, user.displayName, note);
      refreshFigures();
    },
    [sync, addAnswer, user.displayName, refreshFigures],
  );

  const [notice, setNotice] = useState<string | null>(null);
  const exportMinutes = useCallback(async () => {
    if (!minutes.record) return;
    setNotice(null);
    const outcome = await downloadMinutes(minutes.record, t('meeting.exportFile', { date: minutes.record.startedAt.slice(0, 10) }));
    if (outcome === 'missing') setNotice(t('meeting.exportMissing'));
    else if (outcome === 'unauthorized') onUnauthorized();
    else if (outcome !== 'ok') setNotice(t('meeting.exportFailed', { message: outcome.error }));
  }, [minutes.record, t, onUnauthorized]);

  const a = figures.agenda;
  const period = a ? t('meeting.periodRange', { from: a.from, to: a.to }) : '…';
  const conn = state.connection;
  const connText =
    conn.status === 'live'
      ? t('conn.live')
      : conn.status === 'connecting'
        ? t('conn.connecting')
        : t('conn.offline', { time: formatTime(conn.since) });
  const selectedLive = selectedId ? state.incidents.get(selectedId) : undefined;

  return (
    <div className="meeting" data-testid="meeting">
      <header className="mt-header no-print">
        <h1 className="mt-title">{t('meeting.title')}</h1>
        <span className="mt-date">{formatDate(now, lang)}</span>
        <span className="mt-period-head">{t('meeting.period', { period })}</span>
        <span className={`mt-conn mt-conn-${conn.status}`} role="status" data-testid="connection" data-status={conn.status}>
          <span aria-hidden="true">{conn.status === 'live' ? '●' : conn.status === 'connecting' ? '◌' : '✕'}</span> {connText}
        </span>
        <span className="mt-spacer" />
        <button type="button" className="mt-button" onClick={() => window.print()} data-testid="print-minutes">
          {t('meeting.print')}
        </button>
        <button
          type="button"
          className="mt-button"
          onClick={() => void exportMinutes()}
          disabled={!minutes.record}
          data-testid="export-minutes"
        >
          {t('meeting.exportMinutes')}
        </button>
        {a && (
          <a
            className="mt-button"
            href={`/api/exports/stats.xlsx?${new URLSearchParams({ from: a.from, to: a.to, by: 'department' })}`}
            download
          >
            {t('meeting.exportStats')}
          </a>
        )}
        <button
          type="button"
          className="mt-button"
          onClick={() => {
            if (window.confirm(t('meeting.newConfirm'))) minutes.startNew();
          }}
        >
          {t('meeting.new')}
        </button>
        <SessionControls user={user} userClassName="mt-user" />
      </header>
      {(notice || figures.error || state.error) && (
        <p className="mt-notice no-print" role="alert">
          {notice ?? t('meeting.loadFailed', { message: figures.error ?? state.error ?? '' })}
        </p>
      )}
      <div className="mt-body no-print">
        <AgendaList agenda={agenda} lookups={lookups} selectedId={selectedId} onSelect={setSelectedId} now={now} />
        {selectedId ? (
          <CasePanel
            caseId={selectedId}
            live={selectedLive}
            user={user}
            lookups={lookups}
            grids={reference.grids}
            now={now}
            onApplied={onApplied}
            onDecided={onDecided}
            onUnauthorized={onUnauthorized}
          />
        ) : (
          <section className="mt-panel mt-case mt-case-empty" data-testid="case-panel">
            <p className="mt-empty">{state.loaded ? t('meeting.pick') : t('meeting.loading')}</p>
          </section>
        )}
        <div className="mt-right">
          <WorstUnits departments={a?.departments ?? []} grids={a?.grids ?? []} period={period} />
          <MinutesPanel
            minutes={minutes.minutes}
            lookups={lookups}
            attendees={minutes.record?.attendees ?? ''}
            onAttendees={minutes.setAttendees}
            onSelect={setSelectedId}
          />
        </div>
      </div>
      <MinutesPrint
        record={minutes.record}
        minutes={minutes.minutes}
        agenda={agenda}
        departments={a?.departments ?? []}
        grids={a?.grids ?? []}
        period={period}
        lookups={lookups}
      />
    </div>
  );
}
