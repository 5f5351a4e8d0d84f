import { useEffect, useRef } from 'react';
import { MAX_PHOTOS_PER_STEP } from '@streetchief/shared/domain/incident';
import { newUuid, resizePhoto } from '../../photos/resize.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export interface PickedPhoto {
  id: string;
  blob: Blob;
  url: string;
}

/** Resizes picked pictures on the phone (≤ 1600 px JPEG, metadata gone); a file it cannot read goes as it is and the server says why. */
export async function preparePhotos(files: readonly File[]): Promise<PickedPhoto[]> {
  const out: PickedPhoto[] = [];
  for (const f of files) {
    const blob = (await resizePhoto(f)) ?? f;
    out.push({ id: newUuid(), blob, url: URL.createObjectURL(blob) });
  }
  return out;
}

/** Up to three photos: camera first, thumbnails with a remove button. */
export function PhotoPicker({ photos, onChange, testId }: { photos: PickedPhoto[]; onChange: (p: PickedPhoto[]) => void; testId: string }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const current = useRef(photos);
  current.current = photos;
  // Thumbnails hold object URLs: free them when the picker goes.
  useEffect(() => () => current.current.forEach((p) => URL.revokeObjectURL(p.url)), []);
  const room = MAX_PHOTOS_PER_STEP - photos.length;
  return (
    <div className="field-photos">
      {photos.map((p) => (
        <figure key={p.id} className="field-thumb">
          <img src={p.url} alt="" />
          <button
            type="button"
            aria-label={t('field.photo.remove')}
            onClick={() => {
              URL.revokeObjectURL(p.url);
              onChange(photos.filter((x) => x.id !== p.id));
            }}
          >
            ×
          </button>
        </figure>
      ))}
      {room > 0 && (
        <label className="field-photo-add">
          <span>＋ {t('field.photo.add', { n: room })}</span>
          <input
            ref={input}
            data-testid={testId}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            onChange={async (e) => {
              const files = [...(e.target.files ?? [])].slice(0, room);
              e.target.value = '';
              if (files.length) onChange([...current.current, ...(await preparePhotos(files))].slice(0, MAX_PHOTOS_PER_STEP));
            }}
          />
        </label>
      )}
    </div>
  );
}
