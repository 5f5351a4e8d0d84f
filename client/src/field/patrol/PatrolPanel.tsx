import { useEffect, useMemo, useState } from 'react';
import { gridsCrossed } from '@streetchief/shared/field/gridsCrossed';
import { trackLengthM } from '@streetchief/shared/field/track';
import { DEFAULT_CROSSING } from '@streetchief/shared/field/gridsCrossed';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/dict.ts';
import { useNow } from '../../common/useNow.ts';
import { MapSlot } from '../MapSlot.tsx';
import type { FieldReference } from '../reference.ts';
import type { PatrolRecorder, RecorderState } from './recorder.ts';

function duration(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** Start / pause / finish, the current grid, and what today's walking has covered. */
export function PatrolPanel({ recorder, state, reference }: { recorder: PatrolRecorder; state: RecorderState; reference: FieldReference }) {
  const { t } = useI18n();
  const now = useNow(15_000);
  const { patrol, fix, track, error } = state;
  const here = fix ? { lng: fix.lng, lat: fix.lat } : null;
  const gridCode = here && reference.index ? reference.index.locate(here.lng, here.lat) : null;
  const covered = useMemo(() => (reference.index ? gridsCrossed(track, reference.index).map((v) => v.code) : []), [track, reference.index]);
  // Finishing takes two taps (a pocket must not end a patrol): the first arms the button for a few seconds.
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const id = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(id);
  }, [armed]);
  const km = (trackLengthM(track, DEFAULT_CROSSING.maxGapMs) / 1000).toFixed(2);

  return (
    <div className="field-patrol" data-testid="patrol-panel">
      <div
        className={`field-patrol-status field-patrol-${patrol?.status ?? 'idle'}`}
        data-testid="patrol-status"
        data-status={patrol?.status ?? 'idle'}
      >
        <span className="field-patrol-dot" aria-hidden="true" />
        <strong>{t(`field.patrol.state.${patrol?.status ?? 'idle'}` as MessageKey)}</strong>
        {patrol && <span>{duration(now - Date.parse(patrol.startedAt))}</span>}
      </div>
      <p className="field-where" data-testid="patrol-grid">
        {here ? (
          <>
            <strong>{gridCode ? reference.gridName(gridCode) : t('field.outside')}</strong>
            <small>{t('field.where.gps', { acc: fix?.acc != null ? Math.round(fix.acc) : '?' })}</small>
          </>
        ) : patrol ? (
          t(error ? (`field.gps.${error}` as MessageKey) : 'field.gps.waiting')
        ) : (
          t('field.patrol.hint')
        )}
      </p>
      <div className="field-row">
        {!patrol && (
          <button type="button" className="field-primary field-big" onClick={() => void recorder.start()} data-testid="patrol-start">
            {t('field.patrol.start')}
          </button>
        )}
        {patrol?.status === 'active' && (
          <button type="button" className="field-secondary field-big" onClick={() => void recorder.pause()} data-testid="patrol-pause">
            {t('field.patrol.pause')}
          </button>
        )}
        {patrol?.status === 'paused' && (
          <button type="button" className="field-primary field-big" onClick={() => void recorder.resume()} data-testid="patrol-resume">
            {t('field.patrol.resume')}
          </button>
        )}
        {patrol && (
          <button
            type="button"
            className="field-danger field-big"
            onClick={() => {
              if (!armed) return setArmed(true);
              setArmed(false);
              void recorder.finish();
            }}
            data-testid="patrol-finish"
          >
            {armed ? t('field.patrol.confirmFinish') : t('field.patrol.finish')}
          </button>
        )}
      </div>
      <dl className="field-stats">
        <div>
          <dt>{t('field.patrol.distance')}</dt>
          <dd>{km} km</dd>
        </div>
        <div>
          <dt>{t('field.patrol.points')}</dt>
          <dd data-testid="patrol-points">{track.length}</dd>
        </div>
        <div>
          <dt>{t('field.patrol.grids')}</dt>
          <dd data-testid="patrol-grids-count">{covered.length}</dd>
        </div>
      </dl>
      {covered.length > 0 && (
        <p className="field-note" data-testid="patrol-grids">
          {covered.map((c) => reference.gridName(c)).join('、')}
        </p>
      )}
      {reference.grids && <MapSlot className="field-map" grids={reference.grids} here={here} track={track} focusGrid={gridCode} />}
    </div>
  );
}
