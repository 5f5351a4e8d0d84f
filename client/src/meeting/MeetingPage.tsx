import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { Role } from '@streetchief/shared/domain/roles';
import { RoleGate } from '../auth/RoleGate.tsx';
import { SessionControls } from '../auth/SessionControls.tsx';
import type { SessionContext } from '../auth/SessionGate.tsx';
import { buildLookups } from '../common/lookups.ts';
import { useNow } from '../common/useNow.ts';
import { useReference } from '../common/useReference.ts';
import { districtDay } from '@streetchief/shared/calendar/presets';
import { worstUnits } from '@streetchief/shared/indicators/agenda';
import { DistrictFigures } from '../charts/DistrictFigures.tsx';
import { PeriodPicker } from '../charts/PeriodPicker.tsx';
import { readPeriodChoice, resolvePeriod, writePeriodChoice, type PeriodChoice } from '../charts/periods.ts';
import { formatDate, formatTime } from '../i18n/format.ts';
import { useReportsI18n } from '../i18n/reports.ts';
import { useLiveSync } from '../sync/useLiveSync.ts';
import { AgendaList } from './AgendaList.tsx';
import { CasePanel } from './CasePanel.tsx';
import { downloadMinutes } from './exportMinutes.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { MinutesPanel } from './MinutesPanel.tsx';
import { MinutesPrint } from './MinutesPrint.tsx';
import { groupAgenda, liveAgendaCases } from './model.ts';
import { useAgendaFigures } from './useAgendaFigures.ts';
import { useMeetingStats } from './useMeetingStats.ts';
import { useMinutes } from './useMinutes.ts';
import { SECOND_GROUPINGS, WorstUnits, type SecondGrouping } from './WorstUnits.tsx';
import './meeting.css';

/** Who sits in the joint meeting (the agenda endpoint's roles). Deciding is narrower: see the workflow table. */
const MEETING_ROLES: readonly Role[] = ['supervisor', 'street_chief', 'dispatcher', 'admin'];

/** Overdue is time-driven: the agenda is re-evaluated this often as well as on every event. */
const CLOCK_MS = 30_000;

/** How many units of the second grouping the meeting looks at (the agenda's number for grids). */
const WORST_OTHERS = 5;

function initialSecond(): SecondGrouping {
  const by = new URLSearchParams(window.location.search).get('by');
  return (SECOND_GROUPINGS as readonly string[]).includes(by ?? '') ? (by as SecondGrouping) : 'grid';
}

/** Changes the address's query (the period, the grouping) and keeps its hash (the case on screen). */
function setQuery(update: (url: URL) => void): void {
  const url = new URL(window.location.href);
  update(url);
  window.history.replaceState(null, '', url);
}

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
  const { t, tr, lang } = useReportsI18n();
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
  const lookups = useMemo(() => buildLookups(reference.grids, reference.categories, lang), [reference.grids, reference.categories, lang]);
  const now = useNow(CLOCK_MS);
  // The period: the same presets and default (本月) as every screen, kept in the address.
  const [choice, setChoice] = useState<PeriodChoice>(() => readPeriodChoice(window.location.search));
  const today = districtDay(new Date(now));
  // Keyed on the day, not the clock's tick: the period moves once a day (and the agenda is asked again then).
  const period = useMemo(() => resolvePeriod(choice, new Date(`${today}T12:00:00+08:00`)), [choice, today]);
  const choose = useCallback((c: PeriodChoice) => {
    setChoice(c);
    setQuery((url) => writePeriodChoice(url, c));
  }, []);
  const [secondBy, setSecondBy] = useState<SecondGrouping>(initialSecond);
  const chooseBy = useCallback((by: SecondGrouping) => {
    setSecondBy(by);
    setQuery((url) => url.searchParams.set('by', by));
  }, []);
  const figures = useAgendaFigures(onUnauthorized, period);
  // The district line (and the streets' or classes' ranking) from the one indicator engine.
  const stats = useMeetingStats(period, secondBy === 'grid' ? 'department' : secondBy, figures.revision, onUnauthorized);
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
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${selectedId ? `#case=${selectedId}` : ''}`);
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
  const range = tr('period.range', { from: period.from, to: period.to });
  /** The period the figures on screen are for: the chosen one by name, or (while it loads) the answer's days. */
  const periodText =
    !a || (a.from === period.from && a.to === period.to) ? period.label[lang] : tr('period.range', { from: a.from, to: a.to });
  const printPeriod =
    !a || (a.from === period.from && a.to === period.to) ? tr('period.named', { label: period.label[lang], range }) : periodText;
  const others = useMemo(
    () => (secondBy === 'grid' ? (a?.grids ?? []) : worstUnits(stats.rows, WORST_OTHERS, 'onTimeClosureRate')),
    [secondBy, a, stats.rows],
  );
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
      <div className="mt-toolbar no-print">
        <PeriodPicker choice={choice} period={period} onChange={choose} className="mt-picker" />
        <span className="mt-period-name" data-testid="period-shown">
          {periodText}
        </span>
        <DistrictFigures
          total={stats.stats && stats.stats.from === period.from && stats.stats.to === period.to ? stats.stats.total : null}
          className="mt-district"
        />
        <ExportMenu period={period} by={secondBy} agenda={agenda} lookups={lookups} today={today} />
      </div>
      {(notice || figures.error || stats.error || state.error) && (
        <p className="mt-notice no-print" role="alert">
          {notice ?? t('meeting.loadFailed', { message: figures.error ?? stats.error ?? state.error ?? '' })}
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
          <WorstUnits departments={a?.departments ?? []} others={others} by={secondBy} onBy={chooseBy} period={periodText} />
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
        period={printPeriod}
        lookups={lookups}
      />
    </div>
  );
}
