import { useEffect, useRef } from 'react';
import type { Lookups } from '../common/lookups.ts';
import { useDeskI18n } from '../i18n/desk.ts';
import { CaseRow } from './CaseRow.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import type { Queue } from './queues.ts';

/** A desk view that is no case queue (the dispatch desk's 日报): a tab under the queues, next number key. */
export interface DeskViewTab {
  id: string;
  label: string;
  /** A short figure in place of a queue's count, e.g. "3/6". */
  badge: string;
  /** Shown in red, as alerting queues are. */
  alert: boolean;
}

export interface QueuePanelProps {
  queues: Queue[];
  /** Views after the queues; when one is active the panel shows no case list (the desk shows the view). */
  views?: readonly DeskViewTab[];
  activeId: string;
  onQueue: (id: string) => void;
  cursorId: string | null;
  openId: string | null;
  onOpen: (id: string) => void;
  lookups: Lookups;
  now: number;
  loaded: boolean;
  ownDept: string | null;
  /** Offer 导出 CSV / XLSX of the active queue (the dispatch desk). */
  exports?: boolean;
}

/**
 * Queues with live counts (number keys switch), any extra views under them, and the active queue's
 * cases (j/k move, Enter opens).
 */
export function QueuePanel({
  queues,
  views = [],
  activeId,
  onQueue,
  cursorId,
  openId,
  onOpen,
  lookups,
  now,
  loaded,
  ownDept,
  exports = false,
}: QueuePanelProps) {
  const { t, tl } = useDeskI18n();
  const keys = new Map(
    tabOrder(
      queues.map((q) => q.def.id),
      views.map((v) => v.id),
    ).map((id, i) => [id, tabKey(i + 1)]),
  );
  const viewActive = views.some((v) => v.id === activeId);
  const active = viewActive ? undefined : (queues.find((q) => q.def.id === activeId) ?? queues[0]);
  const list = useRef<HTMLOListElement>(null);

  // Keep the cursor row in view as j/k move it.
  useEffect(() => {
    if (!cursorId) return;
    list.current?.querySelector(`[data-id="${cursorId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursorId, activeId]);

  // Stage chips help in queues that mix stages (超期, 督办, 延期).
  const mixed = active ? new Set(active.items.map((c) => c.status)).size > 1 : false;
  return (
    <>
      <nav className="queue-nav" aria-label={t('desk.queues')}>
        {queues.map((q) => (
          <button
            key={q.def.id}
            type="button"
            className={`queue-tab${q.def.id === active?.def.id ? ' queue-tab-active' : ''}${q.def.tone && q.items.length > 0 ? ` queue-tab-${q.def.tone}` : ''}`}
            data-queue={q.def.id}
            aria-pressed={q.def.id === active?.def.id}
            aria-keyshortcuts={keys.get(q.def.id)}
            onClick={() => onQueue(q.def.id)}
          >
            {keys.get(q.def.id) ? <kbd>{keys.get(q.def.id)}</kbd> : <span />}
            <span className="queue-tab-label">{tl(q.def.label)}</span>
            <span className="queue-count" data-count={q.items.length}>
              {loaded ? q.items.length : '…'}
            </span>
          </button>
        ))}
        {views.map((v) => {
          const key = keys.get(v.id);
          return (
            <button
              key={v.id}
              type="button"
              className={`queue-tab queue-tab-view${v.id === activeId ? ' queue-tab-active' : ''}${v.alert ? ' queue-tab-alert' : ''}`}
              data-view={v.id}
              aria-pressed={v.id === activeId}
              aria-keyshortcuts={key}
              onClick={() => onQueue(v.id)}
            >
              {key ? <kbd>{key}</kbd> : <span />}
              <span className="queue-tab-label">{v.label}</span>
              <span className="queue-count">{v.badge}</span>
            </button>
          );
        })}
      </nav>
      {!viewActive && (
        <div className="queue-list-wrap">
          {exports && active && <ExportLinks query={active.def.exportQuery} label={tl(active.def.label)} />}
          <ol
            className="queue-list"
            ref={list}
            role="listbox"
            aria-label={active ? tl(active.def.label) : ''}
            data-testid="queue-list"
            data-queue={active?.def.id}
          >
            {active?.items.map((c) => (
              <CaseRow
                key={c.id}
                incident={c}
                lookups={lookups}
                now={now}
                cursor={c.id === cursorId}
                open={c.id === openId}
                onOpen={onOpen}
                showStatus={mixed}
                ownDept={ownDept}
              />
            ))}
            {active && active.items.length === 0 && <li className="queue-empty">{loaded ? t('desk.queueEmpty') : t('desk.loading')}</li>}
          </ol>
        </div>
      )}
    </>
  );
}

/**
 * The tabs in number-key order: 1–9 for the first nine queues, then the views (the dispatch desk's
 * 日报 keeps 0), then any further queue (no key; its tab is still a click away).
 */
export function tabOrder(queueIds: readonly string[], viewIds: readonly string[]): string[] {
  return [...queueIds.slice(0, 9), ...viewIds, ...queueIds.slice(9)];
}

/** The number key of the `n`th tab: 1–9, then 0 for the tenth (as on the keyboard's top row). */
export function tabKey(n: number): string | undefined {
  if (n >= 1 && n <= 9) return String(n);
  return n === 10 ? '0' : undefined;
}
