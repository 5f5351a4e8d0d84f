import { useEffect, useState } from 'react';
import { listCheckers, type CheckerCandidate } from '../api/checkers.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * Whom to send for the on-site check (指派核查): active patrol and grid staff, those covering the
 * case's grid first (marked), the first of them pre-selected.
 */
export function CheckerPicker({ gridCode, value, onChange }: { gridCode: string; value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<CheckerCandidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    listCheckers(gridCode, ctl.signal).then(
      (list) => {
        setItems(list);
        if (!value && list[0]) onChange(list[0].id);
      },
      (err: unknown) => {
        if (!ctl.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => ctl.abort();
    // Loaded once per case; `value` and `onChange` only seed the first choice.
  }, [gridCode]);
  return (
    <label className="form-field">
      <span>{t('form.checker')}</span>
      {error ? (
        <span className="form-error">{t('desk.loadFailed', { message: error })}</span>
      ) : (
        <select value={value} onChange={(e) => onChange(e.target.value)} name="checkerId" data-testid="checker" required disabled={!items}>
          {!items && <option value="">{t('desk.loading')}</option>}
          {items?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName} · {t(`role.${c.role}` as MessageKey)}
              {c.ownGrid ? t('form.checkerOwnGrid') : ''}
            </option>
          ))}
        </select>
      )}
    </label>
  );
}
