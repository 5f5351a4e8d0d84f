import { useEffect, useState } from 'react';
import type { CasePhoto } from '@streetchief/shared/domain/incident';
import { photoUrl } from '../../api/photos.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useFieldI18n } from '../../i18n/field.ts';

/** The photos of one side (before or after), with its label; a tap shows one full screen. */
function Side({ side, photos, onOpen }: { side: 'before' | 'after'; photos: readonly CasePhoto[]; onOpen: (p: CasePhoto) => void }) {
  const { tf } = useFieldI18n();
  const label = tf(side === 'before' ? 'fieldx.check.before' : 'fieldx.check.after');
  return (
    <figure className={`field-side field-side-${side}`} data-testid={`check-${side}`} data-count={photos.length}>
      <figcaption>{label}</figcaption>
      {photos.length === 0 ? (
        <p className="field-side-none">{tf(side === 'before' ? 'fieldx.check.noBefore' : 'fieldx.check.noAfter')}</p>
      ) : (
        <div className="field-side-photos">
          {photos.map((p, i) => (
            <button
              key={p.id}
              type="button"
              className={i === 0 ? 'field-side-main' : 'field-side-more'}
              onClick={() => onOpen(p)}
              data-photo-id={p.id}
            >
              <img src={photoUrl(p.id)} alt={`${label} ${i + 1}`} loading="lazy" />
            </button>
          ))}
        </div>
      )}
    </figure>
  );
}

/** 整改前 | 整改后 side by side, so the checker compares the place with both at a glance. */
export function BeforeAfter({ before, after }: { before: readonly CasePhoto[]; after: readonly CasePhoto[] }) {
  const { tf } = useFieldI18n();
  const [big, setBig] = useState<CasePhoto | null>(null);
  useEffect(() => {
    if (!big) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setBig(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [big]);
  const side = big ? (before.includes(big) ? 'before' : 'after') : null;
  return (
    <>
      <div className="field-before-after">
        <Side side="before" photos={before} onOpen={setBig} />
        <Side side="after" photos={after} onOpen={setBig} />
      </div>
      {big && side && (
        <div
          className="field-lightbox"
          role="dialog"
          aria-modal="true"
          aria-label={tf(`fieldx.check.${side}`)}
          onClick={() => setBig(null)}
        >
          <img src={photoUrl(big.id)} alt={tf(`fieldx.check.${side}`)} />
          <p>
            {tf(`fieldx.check.${side}`)} · {formatDateTime(big.at)}
          </p>
          <button type="button" className="field-secondary" onClick={() => setBig(null)}>
            {tf('fieldx.photo.close')}
          </button>
        </div>
      )}
    </>
  );
}
