import { formatTime } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/dict.ts';
import type { OutboxItem } from './items.ts';
import type { Outbox, OutboxView } from './outbox.ts';

interface Row {
  key: string;
  kind: OutboxItem['payload']['kind'];
  label: string;
  createdAt: number;
  count: number;
  photos: number;
  failed: OutboxItem['failed'];
  lastError: string | null;
  seqs: number[];
}

/** Items grouped as the user thinks of them: a report with its photos is one row, a patrol's points another. */
export function groupRows(items: readonly OutboxItem[]): Row[] {
  const rows: Row[] = [];
  const byKey = new Map<string, Row>();
  for (const i of items) {
    const kind = i.payload.kind === 'photo' ? null : i.payload.kind;
    const key = `${i.group}:${i.failed ? `failed-${i.seq}` : 'ok'}`;
    let row = byKey.get(key);
    if (!row) {
      row = {
        key,
        kind: kind ?? 'photo',
        label: i.label,
        createdAt: i.createdAt,
        count: 0,
        photos: 0,
        failed: i.failed,
        lastError: i.lastError,
        seqs: [],
      };
      byKey.set(key, row);
      rows.push(row);
    }
    if (kind && row.kind === 'photo') row.kind = kind;
    if (i.payload.kind === 'photo') row.photos++;
    else if (i.payload.kind === 'track') row.count += i.payload.points.length;
    else row.count++;
    row.lastError = i.lastError ?? row.lastError;
    row.seqs.push(i.seq!);
  }
  return rows;
}

/** What is waiting on the phone, and what the server refused (with its reason). */
export function OutboxSheet({ outbox, view, onClose }: { outbox: Outbox; view: OutboxView; onClose: () => void }) {
  const { t } = useI18n();
  const rows = groupRows(view.items);
  return (
    <div className="field-sheet" role="dialog" aria-modal="true" aria-labelledby="outbox-title" data-testid="outbox-sheet">
      <h2 id="outbox-title">{t('field.outbox.title')}</h2>
      {rows.length === 0 && <p className="field-empty">{t('field.outbox.empty')}</p>}
      <ul className="field-outbox">
        {rows.map((r) => (
          <li key={r.key} className={r.failed ? 'field-outbox-failed' : ''} data-testid="outbox-row">
            <div>
              <strong>
                {t(`field.outbox.kind.${r.kind}` as MessageKey)}
                {r.label && r.kind !== 'track' && r.kind !== 'patrol_start' && r.kind !== 'patrol_action' ? ` · ${r.label}` : ''}
              </strong>
              <small>
                {formatTime(r.createdAt).slice(0, 5)}
                {r.kind === 'track' ? ` · ${t('field.outbox.points', { n: r.count })}` : ''}
                {r.photos > 0 ? ` · ${t('field.outbox.photos', { n: r.photos })}` : ''}
              </small>
              {r.failed ? (
                <p className="field-error">{t('field.outbox.refused', { reason: r.failed.reason })}</p>
              ) : (
                r.lastError && <p className="field-note">{t('field.outbox.waiting')}</p>
              )}
            </div>
            {r.failed && (
              <button type="button" className="field-secondary" onClick={() => r.seqs.forEach((s) => void outbox.discard(s))}>
                {t('field.outbox.discard')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="field-row">
        <button type="button" className="field-secondary" onClick={() => void outbox.flush()} disabled={view.sending || view.pending === 0}>
          {view.sending ? t('field.outbox.sending') : t('field.outbox.retry')}
        </button>
        <button type="button" className="field-primary" onClick={onClose}>
          {t('field.close')}
        </button>
      </div>
    </div>
  );
}
