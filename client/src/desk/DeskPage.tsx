import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { Role } from '@streetchief/shared/domain/roles';
import type { SessionContext } from '../auth/SessionGate.tsx';
import { RoleGate } from '../auth/RoleGate.tsx';
import { filingTotals } from '../common/filing.ts';
import { buildLookups } from '../common/lookups.ts';
import { useFilingStatus } from '../common/useFilingStatus.ts';
import { useNow } from '../common/useNow.ts';
import { useReference } from '../common/useReference.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatTime } from '../i18n/format.ts';
import { useLiveSync } from '../sync/useLiveSync.ts';
import { CaseDrawer } from './CaseDrawer.tsx';
import { CaseSearch } from './CaseSearch.tsx';
import { DeskHeader } from './DeskHeader.tsx';
import { FilingPanel } from './FilingPanel.tsx';
import { isPlainKey, isTypingTarget } from './keys.ts';
import { buildQueues, type QueueDef } from './queues.ts';
import { QueuePanel, tabOrder, type DeskViewTab } from './QueuePanel.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { usePageClass } from './usePageClass.ts';
import './desk.css';

/** What differs between the desks: who they are for, their title and their queues. */
export interface DeskVariant {
  id: 'dispatch' | 'dept';
  roles: readonly Role[];
  title: MessageKey;
  queues: readonly QueueDef[];
  /** Show the 日报 view (today's daily reports per street and grid) under the queues. */
  filing?: boolean;
  /** Offer 导出 CSV / XLSX of the queue on screen (every role of the desk may export). */
  exports?: boolean;
}

/** The id of the daily-report view among the desk's tabs (and in the URL hash). */
const FILING_VIEW = 'filing';

/** Queue counts and overdue membership follow the clock too. */
const LIST_CLOCK_MS = 15_000;

/** `#queue=returned&case=<id>`: a reload (or a link) comes back to the same place. */
function readHash(): { queue: string | null; caseId: string | null } {
  const p = new URLSearchParams(window.location.hash.slice(1));
  return { queue: p.get('queue'), caseId: p.get('case') };
}

/** `/dispatch` and `/dept`: queues on the left, the open case on the right, all live. */
export function DeskPage({ session, variant }: { session: SessionContext; variant: DeskVariant }) {
  return (
    <RoleGate user={session.user} roles={variant.roles}>
      <Desk session={session} variant={variant} />
    </RoleGate>
  );
}

function Desk({ session, variant }: { session: SessionContext; variant: DeskVariant }) {
  const { t, lang } = useI18n();
  const { user, onUnauthorized, epoch } = session;
  usePageClass('page-desk');
  const { sync, state } = useLiveSync({ onUnauthorized, epoch });
  const reference = useReference(onUnauthorized);
  const lookups = useMemo(() => buildLookups(reference.grids, reference.categories, lang), [reference.grids, reference.categories, lang]);
  const now = useNow(LIST_CLOCK_MS);
  const filing = useFilingStatus(onUnauthorized, !!variant.filing);
  const filingTab = useMemo<DeskViewTab | null>(() => {
    if (!variant.filing) return null;
    const totals = filingTotals(filing.overview);
    const passed = !!filing.overview && now > Date.parse(filing.overview.deadline);
    return {
      id: FILING_VIEW,
      label: t('filing.tab'),
      badge: filing.overview ? `${totals.filed}/${totals.expected}` : '…',
      alert: passed && totals.missing > 0,
    };
  }, [variant.filing, filing.overview, now, t]);
  const views = useMemo(() => (filingTab ? [filingTab] : []), [filingTab]);
  /** Every tab as shown (←/→ step through them): the queues, then the views. */
  const tabIds = useMemo(() => [...variant.queues.map((q) => q.id), ...views.map((v) => v.id)], [variant.queues, views]);
  /** The tabs in number-key order (1–9, 0). */
  const keyedTabIds = useMemo(
    () =>
      tabOrder(
        variant.queues.map((q) => q.id),
        views.map((v) => v.id),
      ),
    [variant.queues, views],
  );

  const queues = useMemo(
    () => buildQueues(state.incidents.values(), variant.queues, { user, now: new Date(now) }),
    // `state.revision` changes with every applied event; the Map inside is updated in place.
    [state.revision, variant.queues, user, now],
  );

  const initial = useMemo(readHash, []);
  const [queueId, setQueueId] = useState(() =>
    initial.queue === FILING_VIEW && variant.filing
      ? FILING_VIEW
      : (variant.queues.find((q) => q.id === initial.queue)?.id ?? variant.queues[0]!.id),
  );
  const viewActive = queueId === FILING_VIEW && !!variant.filing;
  const [cursor, setCursor] = useState<{ id: string | null; index: number }>({ id: initial.caseId, index: 0 });
  const [openId, setOpenId] = useState<string | null>(initial.caseId);
  const [help, setHelp] = useState(false);

  const active = queues.find((q) => q.def.id === queueId) ?? queues[0]!;
  // A view has no cases under a cursor: j/k and Enter do nothing there.
  const items = viewActive ? [] : active.items;
  let cursorIndex = cursor.id ? items.findIndex((c) => c.id === cursor.id) : -1;
  // The cursor's case left the queue (acted on, here or elsewhere): stay at the same position.
  if (cursorIndex < 0) cursorIndex = Math.min(cursor.index, items.length - 1);
  const cursorId = items[cursorIndex]?.id ?? null;

  useEffect(() => {
    const p = new URLSearchParams({ queue: queueId });
    if (openId) p.set('case', openId);
    window.history.replaceState(null, '', `#${p}`);
  }, [queueId, openId]);

  const selectQueue = useCallback((id: string) => {
    setQueueId(id);
    setCursor({ id: null, index: 0 });
  }, []);
  const open = useCallback(
    (id: string) => {
      setOpenId(id);
      setCursor({
        id,
        index: Math.max(
          0,
          items.findIndex((c) => c.id === id),
        ),
      });
    },
    [items],
  );
  const onApplied = useCallback((c: Incident) => sync.applyLocal(c), [sync]);

  // The keyboard: j/k or arrows move, Enter opens, 1–9, 0 and ←/→ switch queues, Esc closes, ? helps.
  const keyState = useRef({ items, cursorIndex, tabIds, keyedTabIds, queueId, openId, help, viewActive });
  keyState.current = { items, cursorIndex, tabIds, keyedTabIds, queueId, openId, help, viewActive };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPlainKey(e)) return;
      const k = keyState.current;
      if (k.help) {
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          setHelp(false);
        }
        return;
      }
      if (isTypingTarget(e.target)) return;
      const moveTo = (index: number) => {
        const c = k.items[Math.max(0, Math.min(k.items.length - 1, index))];
        if (c) setCursor({ id: c.id, index: k.items.indexOf(c) });
      };
      const stepQueue = (d: number) => {
        const i = k.tabIds.indexOf(k.queueId);
        const id = k.tabIds[(i + d + k.tabIds.length) % k.tabIds.length];
        if (id) selectQueue(id);
      };
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          moveTo(k.cursorIndex + 1);
          break;
        case 'k':
        case 'ArrowUp':
          moveTo(k.cursorIndex - 1);
          break;
        case 'Enter': {
          // On a focused button or link, Enter is that control's click.
          if (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement) return;
          const c = k.items[k.cursorIndex];
          if (c) setOpenId(c.id);
          break;
        }
        case 'ArrowLeft':
          stepQueue(-1);
          break;
        case 'ArrowRight':
          stepQueue(1);
          break;
        case 'Escape':
          // The drawer is out of sight behind a view: nothing to close there.
          if (!k.openId || k.viewActive) return;
          setOpenId(null);
          break;
        case '?':
          setHelp(true);
          break;
        default: {
          // 1–9, then 0 for the tenth tab.
          const id = /^[0-9]$/.test(e.key) ? k.keyedTabIds[e.key === '0' ? 9 : Number(e.key) - 1] : undefined;
          if (!id) return;
          selectQueue(id);
        }
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectQueue]);

  const department = user.departmentCode ? (lookups.department(user.departmentCode) ?? user.departmentCode) : '';
  const { connection } = state;
  let banner: string | null = null;
  if (connection.status === 'offline') banner = t('conn.bannerOffline', { time: formatTime(connection.since) });
  else if (!state.loaded && state.error) banner = t('desk.loadFailed', { message: state.error });

  return (
    <div className={`desk desk-${variant.id}`} data-testid={`desk-${variant.id}`}>
      <DeskHeader title={t(variant.title, { dept: department })} user={user} connection={connection}>
        <CaseSearch lookups={lookups} onOpen={open} />
        <button type="button" className="lang-toggle" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('keys.title')} <kbd>?</kbd>
        </button>
      </DeskHeader>
      {banner && (
        <div className="desk-banner" role="alert">
          {banner}
        </div>
      )}
      <div className="desk-body">
        <QueuePanel
          queues={queues}
          views={views}
          activeId={viewActive ? FILING_VIEW : active.def.id}
          onQueue={selectQueue}
          cursorId={cursorId}
          openId={openId}
          onOpen={open}
          lookups={lookups}
          now={now}
          loaded={state.loaded}
          ownDept={user.departmentCode}
          exports={variant.exports === true}
        />
        {viewActive ? (
          <main className="desk-main desk-view">
            <FilingPanel status={filing} lookups={lookups} now={now} />
          </main>
        ) : (
          <main className="desk-main">
            {openId ? (
              // No key: the drawer (and its map) stays mounted from case to case.
              <CaseDrawer
                user={user}
                live={state.incidents.get(openId)}
                caseId={openId}
                lookups={lookups}
                grids={reference.grids}
                onApplied={onApplied}
                onUnauthorized={onUnauthorized}
                onClose={() => setOpenId(null)}
                onOpen={open}
                keyboard={!help}
              />
            ) : (
              <section className="drawer drawer-empty" data-testid="drawer">
                <p>{t('desk.pick')}</p>
                <p className="drawer-empty-keys">{t('desk.pickKeys')}</p>
              </section>
            )}
          </main>
        )}
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
