import { useState, type FormEvent } from 'react';
import { CaseNoSearchSchema, type Incident } from '@streetchief/shared/domain/incident';
import { findByCaseNo } from '../api/incidents.ts';
import { CaseNo } from '../common/CaseNo.tsx';
import type { Lookups } from '../common/lookups.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * Find a case by the number someone reads out on the phone: the whole number (2026-004213) or
 * just its sequence (4213). One match opens at once; several (4213 of different years) are listed.
 */
export function CaseSearch({ lookups, onOpen }: { lookups: Lookups; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Incident[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const q = text.trim();
    if (!CaseNoSearchSchema.safeParse(q).success) {
      setFound(null);
      setProblem(t('search.invalid'));
      return;
    }
    setProblem(null);
    try {
      const list = await findByCaseNo(q);
      setFound(list);
      if (list.length === 0) setProblem(t('search.none', { q }));
      if (list.length === 1) onOpen(list[0]!.id);
    } catch (err) {
      setProblem(t('desk.loadFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  return (
    <form className="case-search" role="search" onSubmit={submit} data-testid="case-search">
      <input
        type="search"
        inputMode="numeric"
        value={text}
        maxLength={12}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setText('');
            setFound(null);
            setProblem(null);
          }
        }}
      />
      {problem && (
        <span className="case-search-problem" role="status">
          {problem}
        </span>
      )}
      {found && found.length > 1 && (
        <ul className="case-search-results" data-testid="case-search-results">
          {found.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => onOpen(c.id)}>
                <CaseNo incident={c} /> {lookups.category(c.categoryCode) ?? c.categoryCode} ·{' '}
                {lookups.grid(c.gridCode)?.name ?? c.gridCode}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
