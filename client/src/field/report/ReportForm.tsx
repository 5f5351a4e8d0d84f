import { useEffect, useMemo, useState } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import { likelyDuplicates } from '@streetchief/shared/field/duplicates';
import { DUPLICATE_WORDS } from './possibleDuplicates.ts';
import type { Fix } from '@streetchief/shared/field/track';
import { newUuid } from '../../photos/resize.ts';
import { useFieldI18n } from '../../i18n/field.ts';
import type { MessageKey } from '../../i18n/dict.ts';
import { MapSlot } from '../MapSlot.tsx';
import type { Outbox } from '../outbox/outbox.ts';
import type { OutboxItem } from '../outbox/items.ts';
import type { FieldReference } from '../reference.ts';
import { ClassPicker } from './ClassPicker.tsx';
import { ownRecentReports, rememberOwnReport, useNearbyCases, type NearbyCase } from './nearby.ts';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker.tsx';
import { rememberClass } from './recentClasses.ts';
import { useLivePosition } from './useLivePosition.ts';

interface Duplicates {
  list: { incident: NearbyCase; distanceM: number }[];
}

/**
 * Report a problem in under 30 seconds: class (recent first), location (GPS, or drag the pin),
 * up to three photos, a few words. Before it is queued, open cases of the same class within 50 m
 * are offered: attaching to one is better than a duplicate. Everything goes through the outbox.
 */
export function ReportForm({
  user,
  reference,
  outbox,
  queued,
  patrolFix,
  track,
  onDone,
}: {
  user: User;
  reference: FieldReference;
  outbox: Outbox;
  queued: readonly OutboxItem[];
  patrolFix: Fix | null;
  track: readonly Fix[];
  onDone: (message: string) => void;
}) {
  const { t, tf } = useFieldI18n();
  const live = useLivePosition();
  const gps = live.position ?? (patrolFix ? { lng: patrolFix.lng, lat: patrolFix.lat, acc: patrolFix.acc ?? null, at: patrolFix.t } : null);
  const [pin, setPin] = useState<{ lng: number; lat: number } | null>(null);
  const where = pin ?? gps;
  const [category, setCategory] = useState<string | null>(null);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [description, setDescription] = useState('');
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const [busy, setBusy] = useState(false);
  const nearby = useNearbyCases(reference.index, gps);
  const gridCode = where && reference.index ? reference.index.locate(where.lng, where.lat) : null;
  const cls = reference.categories?.classes ?? [];
  const ready = cls.length > 0;

  useEffect(() => {
    // For the benchmark and for people measuring: the moment the form can be used.
    if (ready) performance.mark('field-form-ready');
  }, [ready]);

  // Cases still in this phone's outbox count as candidates too: the same problem reported twice offline.
  const candidates = useMemo<NearbyCase[]>(() => {
    const mine = queued.flatMap((i) =>
      i.payload.kind === 'report' && !i.failed
        ? [
            {
              ...i.payload.body,
              categoryCode: i.payload.body.category,
              status: 'reported' as const,
              reportedAt: new Date(i.createdAt).toISOString(),
              queued: true,
            },
          ]
        : [],
    );
    const ids = new Set(mine.map((m) => m.id));
    const sent = ownRecentReports().filter((c) => !ids.has(c.id));
    for (const c of sent) ids.add(c.id);
    return [...mine, ...sent, ...nearby.filter((c) => !ids.has(c.id))];
  }, [queued, nearby]);

  const canSubmit = !!category && !!where && !!gridCode && !busy;
  const missing = !category ? 'fieldx.report.needClass' : !where ? 'fieldx.report.needPlace' : !gridCode ? 'fieldx.report.needGrid' : null;

  function reset(message: string) {
    for (const p of photos) URL.revokeObjectURL(p.url);
    setPhotos([]);
    setDescription('');
    setCategory(null);
    setPin(null);
    setDuplicates(null);
    onDone(message);
  }

  async function queueReport() {
    if (!category || !where) return;
    setBusy(true);
    try {
      const id = newUuid();
      const name = reference.className(category);
      await outbox.enqueue(
        [
          ...photos.map((p) => ({ payload: { kind: 'photo' as const, photoId: p.id }, label: name })),
          {
            payload: {
              kind: 'report' as const,
              body: {
                id,
                category,
                description: description.trim() || name,
                lng: where.lng,
                lat: where.lat,
                source: user.role === 'grid_staff' ? ('grid_staff' as const) : ('patrol' as const),
                photoIds: photos.map((p) => p.id),
              },
            },
            label: name,
          },
        ],
        { group: id, blobs: photos.map((p) => ({ id: p.id, blob: p.blob })) },
      );
      rememberClass(category);
      rememberOwnReport({
        id,
        categoryCode: category,
        lng: where.lng,
        lat: where.lat,
        status: 'reported',
        description: description.trim() || name,
        reportedAt: new Date().toISOString(),
      });
      reset(t('field.report.queued', { name }));
    } finally {
      setBusy(false);
    }
  }

  async function attachTo(target: NearbyCase) {
    if (!where) return;
    setBusy(true);
    try {
      const id = newUuid();
      const name = reference.className(target.categoryCode);
      await outbox.enqueue(
        [
          ...photos.map((p) => ({ payload: { kind: 'photo' as const, photoId: p.id }, label: name })),
          {
            payload: {
              kind: 'sighting' as const,
              incidentId: target.id,
              body: { id, note: description.trim(), lng: where.lng, lat: where.lat, photoIds: photos.map((p) => p.id) },
            },
            label: name,
          },
        ],
        { group: id, blobs: photos.map((p) => ({ id: p.id, blob: p.blob })) },
      );
      reset(t('field.report.attached', { name }));
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    if (!canSubmit || !category || !where) return;
    const list = likelyDuplicates(candidates, { category, lng: where.lng, lat: where.lat, at: new Date() });
    if (list.length) setDuplicates({ list });
    else void queueReport();
  }

  if (!reference.categories) return <p className="field-note">{t('field.loading')}</p>;

  return (
    <form
      className="field-form"
      data-testid="report-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <section className="field-section">
        <h2>{t('field.report.class')}</h2>
        <ClassPicker classes={cls} value={category} onChange={setCategory} />
      </section>

      <section className="field-section">
        <h2>{t('field.report.where')}</h2>
        <p className="field-where" data-testid="report-where">
          {where ? (
            <>
              <strong>{gridCode ? reference.gridName(gridCode) : t('field.outside')}</strong>
              <small>{pin ? t('field.where.pin') : t('field.where.gps', { acc: gps?.acc != null ? Math.round(gps.acc) : '?' })}</small>
            </>
          ) : (
            t(live.error ? (`field.gps.${live.error}` as MessageKey) : 'field.gps.waiting')
          )}
          {pin && (
            <button type="button" className="field-link" onClick={() => setPin(null)}>
              {t('field.where.useGps')}
            </button>
          )}
        </p>
        {reference.grids && (
          <MapSlot
            className="field-map field-map-small"
            grids={reference.grids}
            here={gps}
            pin={where}
            onPin={setPin}
            track={track}
            focusGrid={gridCode}
          />
        )}
      </section>

      <section className="field-section">
        <h2>{t('field.report.photos')}</h2>
        <PhotoPicker photos={photos} onChange={setPhotos} testId="report-photos" />
      </section>

      <section className="field-section">
        <h2>{t('field.report.description')}</h2>
        <textarea
          className="field-text"
          rows={2}
          maxLength={2000}
          placeholder={t('field.report.descriptionHint')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="report-description"
        />
      </section>

      {/* Always in reach of the thumb, above the tabs, however long the form. */}
      <div className="field-submit-bar">
        {missing && (
          <p className="field-submit-missing" data-testid="report-missing">
            {tf(missing)}
          </p>
        )}
        <button type="submit" className="field-primary" disabled={!canSubmit} data-testid="report-submit">
          {busy ? t('field.saving') : t('field.report.submit')}
        </button>
      </div>

      {duplicates && (
        <div className="field-sheet" role="dialog" aria-modal="true" aria-labelledby="dup-title" data-testid="duplicates">
          <h2 id="dup-title">{t('field.dup.title', { n: duplicates.list.length, ...DUPLICATE_WORDS })}</h2>
          <ul className="field-dups">
            {duplicates.list.map(({ incident: c, distanceM }) => (
              <li key={c.id}>
                <div>
                  <strong>{reference.className(c.categoryCode)}</strong>
                  <small>
                    {t('field.dup.distance', { m: Math.round(distanceM) })} ·{' '}
                    {c.queued ? t('field.dup.queued') : t(`status.${c.status}` as MessageKey)}
                  </small>
                  {c.description && <p>{c.description}</p>}
                </div>
                {/* A closed case stays closed under a sighting: the problem back at a closed case is a new report. */}
                {c.status !== 'closed' && (
                  <button
                    type="button"
                    className="field-secondary"
                    disabled={busy}
                    onClick={() => void attachTo(c)}
                    data-testid="dup-attach"
                  >
                    {t('field.dup.attach')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <div className="field-row">
            <button type="button" className="field-secondary" onClick={() => setDuplicates(null)}>
              {t('field.cancel')}
            </button>
            <button type="button" className="field-primary" disabled={busy} onClick={() => void queueReport()} data-testid="dup-new">
              {t('field.dup.new')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
