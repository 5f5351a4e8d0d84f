import { useEffect, useState } from 'react';
import type { CasePhoto } from '@streetchief/shared/domain/incident';
import { photoUrl } from '../api/photos.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';

/** Thumbnails of a case's photos with their stage (上报 / 反馈 / 核查); a click shows one large. */
export function PhotoStrip({ photos, emptyText }: { photos: readonly CasePhoto[]; emptyText?: string }) {
  const { t } = useI18n();
  const [big, setBig] = useState<CasePhoto | null>(null);

  useEffect(() => {
    if (!big) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setBig(null);
      }
    };
    // Capture: the lightbox closes before the desk's own Esc (close the case) sees the key.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [big]);

  if (photos.length === 0) return emptyText ? <p className="photos-empty">{emptyText}</p> : null;
  return (
    <>
      <ul className="photo-strip" data-testid="photo-strip">
        {photos.map((p) => (
          <li key={p.id} data-photo-id={p.id} data-stage={p.stage}>
            <button type="button" onClick={() => setBig(p)} title={formatDateTime(p.at)}>
              <img src={photoUrl(p.id)} alt={t(`photo.stage.${p.stage}` as MessageKey)} loading="lazy" />
              <span className={`photo-stage photo-stage-${p.stage}`}>{t(`photo.stage.${p.stage}` as MessageKey)}</span>
            </button>
          </li>
        ))}
      </ul>
      {big && (
        <div className="lightbox" role="dialog" aria-modal="true" onClick={() => setBig(null)}>
          <img src={photoUrl(big.id)} alt={t(`photo.stage.${big.stage}` as MessageKey)} />
          <p>
            {t(`photo.stage.${big.stage}` as MessageKey)} · {formatDateTime(big.at)}
          </p>
        </div>
      )}
    </>
  );
}
