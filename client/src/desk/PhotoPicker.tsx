import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { refusalOf } from '../api/cases.ts';
import { photoUrl, uploadPhoto } from '../api/photos.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { newUuid, resizePhoto } from '../photos/resize.ts';

interface PhotoItem {
  key: string;
  /** The client-made id the photo is uploaded under (and then named in the action). */
  id: string;
  name: string;
  status: 'working' | 'done' | 'error';
  /** An object URL of what was uploaded, when the browser could read it. */
  preview: string | null;
  error: string | null;
}

export interface PhotoSelection {
  /** Ids of the photos uploaded and ready to attach. */
  ids: string[];
  /** A photo is still being resized or uploaded: wait before sending the action. */
  busy: boolean;
}

/**
 * Up to `max` photos for one step. Each is resized in the browser (≤ 1600 px JPEG, metadata
 * dropped) and uploaded at once with its own id, so the action that follows only names the ids.
 * A photo the server refuses shows the server's reason (too large, not an image) and is left out.
 */
export function PhotoPicker({ max, onChange, large = false }: { max: number; onChange: (s: PhotoSelection) => void; large?: boolean }) {
  const { t } = useI18n();
  const [items, setItems] = useState<PhotoItem[]>([]);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const urls = useRef(new Set<string>());

  useEffect(() => {
    onChangeRef.current({
      ids: items.filter((i) => i.status === 'done').map((i) => i.id),
      busy: items.some((i) => i.status === 'working'),
    });
  }, [items]);

  useEffect(() => {
    const owned = urls.current;
    return () => {
      for (const u of owned) URL.revokeObjectURL(u);
      owned.clear();
    };
  }, []);

  const update = (key: string, patch: Partial<PhotoItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  async function add(file: File) {
    const item: PhotoItem = { key: newUuid(), id: newUuid(), name: file.name, status: 'working', preview: null, error: null };
    setItems((list) => [...list, item]);
    try {
      // A file the browser cannot decode goes as it is: the server's check then says why it is refused.
      const resized = await resizePhoto(file);
      const body = resized ?? file;
      if (resized) {
        const url = URL.createObjectURL(resized);
        urls.current.add(url);
        update(item.key, { preview: url });
      }
      await uploadPhoto(item.id, body);
      update(item.key, { status: 'done' });
    } catch (err) {
      update(item.key, { status: 'error', error: refusalOf(err).reason });
    }
  }

  function onFiles(e: ChangeEvent<HTMLInputElement>) {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    const room = max - items.filter((i) => i.status !== 'error').length;
    for (const f of files.slice(0, Math.max(0, room))) void add(f);
  }

  function remove(key: string) {
    setItems((list) => {
      const gone = list.find((i) => i.key === key);
      if (gone?.preview) {
        URL.revokeObjectURL(gone.preview);
        urls.current.delete(gone.preview);
      }
      return list.filter((i) => i.key !== key);
    });
  }

  const full = items.filter((i) => i.status !== 'error').length >= max;
  return (
    <div className={`photo-picker${large ? ' photo-picker-large' : ''}`}>
      <ul className="photo-picker-items">
        {items.map((i) => (
          <li key={i.key} className={`photo-item photo-item-${i.status}`} data-status={i.status} data-photo-id={i.id}>
            {i.preview ? (
              <img src={i.preview} alt={i.name} />
            ) : i.status === 'done' ? (
              <img src={photoUrl(i.id)} alt={i.name} />
            ) : (
              <span className="photo-item-name">{i.name}</span>
            )}
            <span className="photo-item-state">
              {i.status === 'working' ? t('photo.uploading') : i.status === 'done' ? t('photo.uploaded') : t('photo.failed')}
            </span>
            {i.error && (
              <span className="photo-item-error" role="alert">
                {i.error}
              </span>
            )}
            <button
              type="button"
              className="photo-item-remove"
              onClick={() => remove(i.key)}
              aria-label={t('photo.remove')}
              disabled={i.status === 'working'}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {!full && (
        <label className="photo-add">
          <span>{t('photo.add', { n: items.filter((i) => i.status !== 'error').length, max })}</span>
          <input type="file" accept="image/*" multiple data-testid="photo-input" onChange={onFiles} />
        </label>
      )}
    </div>
  );
}
