import { useEffect, useId, useState, type FormEvent } from 'react';
import { MAX_PERIOD_DAYS, MAX_YEAR, MIN_YEAR } from '@streetchief/shared/calendar/period';
import { PERIOD_PRESETS, customPeriodProblem, type NamedPeriod, type PeriodProblem } from '@streetchief/shared/calendar/presets';
import { useReportsI18n } from '../i18n/reports.ts';
import type { PeriodChoice } from './periods.ts';
import './periodPicker.css';

export interface PeriodPickerProps {
  choice: PeriodChoice;
  /** The period the choice stands for now (its days fill the custom fields when they open). */
  period: NamedPeriod;
  onChange: (choice: PeriodChoice) => void;
  className?: string;
  testId?: string;
}

/**
 * The period picker of the report screens: the shared presets as toggle buttons (本月 first, the
 * default), and 自定义 with two date fields checked by the server's rules before anything is asked
 * (both ends, real days, start not after end, at most three years), each problem named at its field.
 */
export function PeriodPicker({ choice, period, onChange, className = '', testId = 'period-picker' }: PeriodPickerProps) {
  const { tr, periodName } = useReportsI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [problem, setProblem] = useState<PeriodProblem | null>(null);
  useEffect(() => {
    if (open) return;
    setFrom(period.from);
    setTo(period.to);
  }, [open, period.from, period.to]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = customPeriodProblem(from, to);
    setProblem(p);
    if (p) return;
    setOpen(false);
    onChange({ kind: 'custom', from, to });
  };
  const fieldName = (f: 'from' | 'to') => tr(f === 'from' ? 'period.from' : 'period.to');
  const message = (p: PeriodProblem) =>
    tr(`period.${p.code}`, { field: fieldName(p.field), min: MIN_YEAR, max: MAX_YEAR, days: MAX_PERIOD_DAYS });
  const invalid = (f: 'from' | 'to') => (problem?.field === f ? { 'aria-invalid': true, 'aria-describedby': `${id}-problem` } : {});

  return (
    <div className={`pp ${className}`} role="group" aria-labelledby={`${id}-label`} data-testid={testId}>
      <span className="pp-label" id={`${id}-label`}>
        {tr('period.label')}
      </span>
      {PERIOD_PRESETS.map((k) => (
        <button
          key={k}
          type="button"
          className="pp-option"
          aria-pressed={choice.kind === k}
          onClick={() => {
            setOpen(false);
            setProblem(null);
            onChange({ kind: k });
          }}
        >
          {periodName(k)}
        </button>
      ))}
      <button
        type="button"
        className="pp-option"
        aria-pressed={choice.kind === 'custom'}
        aria-expanded={open}
        aria-controls={`${id}-custom`}
        onClick={() => {
          setProblem(null);
          setOpen((o) => !o);
        }}
      >
        {periodName('custom')}
      </button>
      {open && (
        <form className="pp-custom" id={`${id}-custom`} onSubmit={apply} noValidate data-testid={`${testId}-custom`}>
          <label>
            <span>{tr('period.from')}</span>
            <input
              type="date"
              name="from"
              value={from}
              min={`${MIN_YEAR}-01-01`}
              max={`${MAX_YEAR}-12-31`}
              onChange={(e) => setFrom(e.target.value)}
              {...invalid('from')}
            />
          </label>
          <label>
            <span>{tr('period.to')}</span>
            <input
              type="date"
              name="to"
              value={to}
              min={`${MIN_YEAR}-01-01`}
              max={`${MAX_YEAR}-12-31`}
              onChange={(e) => setTo(e.target.value)}
              {...invalid('to')}
            />
          </label>
          <button type="submit" className="pp-option pp-apply">
            {tr('period.apply')}
          </button>
          <button type="button" className="pp-option" onClick={() => setOpen(false)}>
            {tr('period.cancel')}
          </button>
          {problem && (
            <p className="pp-problem" id={`${id}-problem`} role="alert" data-field={problem.field}>
              {message(problem)}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
