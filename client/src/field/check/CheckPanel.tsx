import { useCallback, useEffect, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import { requestJson } from '../../api/http.ts';
import { photoUrl } from '../../api/photos.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { kvGet, kvSet } from '../outbox/idb.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { OutboxItem } from '../outbox/items.ts';
import type { FieldReference } from '../reference.ts';
import { PhotoPicker, type PickedPhoto } from '../report/PhotoPicker.tsx';
import { CaseNo } from '../../common/CaseNo.tsx';

const KEY = 'checks';

/** Handled cases in the user's grids, waiting for the on-site check: from the server, or the copy on the phone. */
function useChecks(user: User): { cases: Incident[]; offline: boolean; reload: () => void } {
  const [cases, setCases] = useState<Incident[]>([]);
  const [offline, setOffline] = useState(false);
  const load = useCallback(async () => {
    try {
      const body = (await requestJson('/api/incidents?status=handled&limit=200')) as { items: Incident[] };
      // My grids' cases, and those the desk named me to check (指派核查) wherever they are.
      const mine = body.items.filter((c) => user.gridCodes.includes(c.gridCode) || c.checkerId === user.id);
      setCases(mine);
      setOffline(false);
      await kvSet(KEY, mine).catch(() => {});
    } catch {
      setOffline(true);
      const cached = await kvGet<Incident[]>(KEY).catch(() => undefined);
      if (cached) setCases(cached);
    }
  }, [user]);
  useEffect(() => {
    void load();
    const onOnline = () => void load();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [load]);
  return { cases, offline, reload: () => void load() };
}

/**
 * 核查: grid staff and patrols check handled cases in their grids on site, pass or fail, with a
 * photo and a note. Queued like everything else; a case that changed meanwhile comes back from the
 * server as 409 and shows in the outbox with the reason.
 */
export function CheckPanel({
  user,
  reference,
  outbox,
  queued,
}: {
  user: User;
  reference: FieldReference;
  outbox: Outbox;
  queued: readonly OutboxItem[];
}) {
  const { t } = useI18n();
  const { cases, offline } = useChecks(user);
  const [open, setOpen] = useState<string | null>(null);
  const done = new Set(queued.flatMap((i) => (i.payload.kind === 'check' ? [i.payload.incidentId] : [])));
  const waiting = cases.filter((c) => !done.has(c.id));

  return (
    <div className="field-checks" data-testid="check-panel">
      {offline && <p className="field-note">{t('field.check.offline')}</p>}
      {waiting.length === 0 && <p className="field-empty">{t('field.check.none')}</p>}
      <ul className="field-cards">
        {waiting.map((c) => (
          <li key={c.id} className="field-card" data-testid="check-case">
            <button type="button" className="field-card-head" onClick={() => setOpen(open === c.id ? null : c.id)}>
              <strong>{reference.className(c.categoryCode)}</strong>
              <CaseNo incident={c} />
              <small>{reference.gridName(c.gridCode)}</small>
            </button>
            <p>{c.description}</p>
            {c.photos.length > 0 && (
              <div className="field-photos">
                {c.photos.map((p) => (
                  <img key={p.id} className="field-thumb-img" src={photoUrl(p.id)} alt={p.stage} loading="lazy" />
                ))}
              </div>
            )}
            {open === c.id && (
              <CheckForm incident={c} outbox={outbox} label={reference.className(c.categoryCode)} onDone={() => setOpen(null)} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CheckForm({ incident, outbox, label, onDone }: { incident: Incident; outbox: Outbox; label: string; onDone: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [busy, setBusy] = useState(false);

  async function send(pass: boolean) {
    if (!pass && !note.trim()) return;
    setBusy(true);
    try {
      const photoIds = photos.map((p) => p.id);
      const body = pass
        ? { type: 'check_pass' as const, expectedVersion: incident.version, ...(note.trim() ? { note: note.trim() } : {}), photoIds }
        : { type: 'check_fail' as const, expectedVersion: incident.version, reason: note.trim(), photoIds };
      await outbox.enqueue(
        [
          ...photos.map((p) => ({ payload: { kind: 'photo' as const, photoId: p.id }, label })),
          { payload: { kind: 'check', incidentId: incident.id, body }, label },
        ],
        { group: incident.id, blobs: photos.map((p) => ({ id: p.id, blob: p.blob })) },
      );
      onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="field-check-form">
      <PhotoPicker photos={photos} onChange={setPhotos} testId="check-photos" />
      <textarea
        className="field-text"
        rows={2}
        placeholder={t('field.check.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="check-note"
      />
      <div className="field-row">
        <button
          type="button"
          className="field-danger"
          disabled={busy || !note.trim()}
          onClick={() => void send(false)}
          data-testid="check-fail"
        >
          {t('field.check.fail')}
        </button>
        <button type="button" className="field-primary" disabled={busy} onClick={() => void send(true)} data-testid="check-pass">
          {t('field.check.pass')}
        </button>
      </div>
      {!note.trim() && <p className="field-note">{t('field.check.failNeedsReason')}</p>}
    </div>
  );
}
