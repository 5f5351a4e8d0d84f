import { useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import { newUuid } from '../../photos/resize.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { Outbox } from '../outbox/outbox.ts';
import { PhotoPicker, type PickedPhoto } from '../report/PhotoPicker.tsx';

export type CheckAction = 'check_pass' | 'check_fail';

/**
 * Pass (an optional note and photo) or fail (a reason required: the case goes back to the
 * department as rework). Queued like everything else; `onDone` names the outbox group it went in.
 */
export function CheckForm({
  incident,
  outbox,
  label,
  onDone,
}: {
  incident: Incident;
  outbox: Outbox;
  label: string;
  onDone: (action: CheckAction, group: string) => void;
}) {
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
      const group = `check-${newUuid()}`;
      await outbox.enqueue(
        [
          ...photos.map((p) => ({ payload: { kind: 'photo' as const, photoId: p.id }, label })),
          { payload: { kind: 'check', incidentId: incident.id, body }, label },
        ],
        { group, blobs: photos.map((p) => ({ id: p.id, blob: p.blob })) },
      );
      onDone(body.type, group);
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
