import { useMemo, useState } from 'react';
import type { CaseClass } from '@streetchief/shared/domain/catalogue';
import { localMajor, localName } from '@streetchief/shared/domain/localName';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { matchesClass, recentClasses } from './recentClasses.ts';

/** The case class: recent ones as big buttons, the rest behind a search box, grouped by major class. */
export function ClassPicker({
  classes,
  value,
  onChange,
}: {
  classes: readonly CaseClass[];
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const byCode = useMemo(() => new Map(classes.map((c) => [c.code, c])), [classes]);
  const recent = recentClasses().filter((c) => byCode.has(c));
  const chosen = value ? byCode.get(value) : undefined;
  const matches = classes.filter((c) => matchesClass(c, query));

  if (chosen && !open)
    return (
      <div className="field-class-chosen">
        <span className="field-class-name" data-testid="field-class-chosen">
          {localName(chosen, lang)}
          <small>
            {chosen.kind === 'event' ? t('field.class.event') : t('field.class.component')} · {localMajor(chosen, lang)}
          </small>
        </span>
        <button type="button" className="field-link" onClick={() => setOpen(true)} data-testid="field-class-change">
          {t('field.class.change')}
        </button>
      </div>
    );

  const pick = (code: string) => {
    onChange(code);
    setOpen(false);
    setQuery('');
  };

  return (
    <div className="field-class-picker">
      {recent.length > 0 && (
        <div className="field-chips" aria-label={t('field.class.recent')}>
          {recent.map((code) => (
            <button key={code} type="button" className="field-chip" onClick={() => pick(code)}>
              {localName(byCode.get(code)!, lang)}
            </button>
          ))}
        </div>
      )}
      <input
        className="field-search"
        type="search"
        placeholder={t('field.class.search')}
        aria-label={t('field.class.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onFocus={() => setOpen(true)}
        data-testid="field-class-search"
      />
      {(open || query) && (
        <ul className="field-class-list" role="listbox">
          {matches.map((c) => (
            <li key={c.code}>
              <button type="button" role="option" aria-selected={c.code === value} onClick={() => pick(c.code)}>
                {localName(c, lang)}
                <small>{localMajor(c, lang)}</small>
              </button>
            </li>
          ))}
          {matches.length === 0 && <li className="field-empty">{t('field.class.none')}</li>}
        </ul>
      )}
    </div>
  );
}
