import { useCallback, useEffect, useState } from 'react';
import {
  getCoverage,
  IMPORT_KINDS,
  ImportedAccountsSchema,
  importFile,
  type Coverage,
  type ImportedAccounts,
  type ImportKind,
  type ImportOutcome,
} from '../api/admin.ts';
import { isUnauthorized } from '../api/http.ts';
import { useAdminI18n, type AdminKey } from '../i18n/admin.ts';
import type { MessageKey } from '../i18n/dict.ts';

const ACCEPT: Record<ImportKind, string> = {
  grids: '.geojson,.json,application/geo+json,application/json',
  departments: '.csv,.xlsx',
  classes: '.csv,.xlsx',
  calendar: '.csv,.xlsx',
  staff: '.csv,.xlsx',
  accounts: '.csv,.xlsx',
};

/**
 * The district's reference data, one file per kind in the order they depend on each other. Each
 * file is checked first (dry run) and every problem is listed with its row or feature; only a
 * file that passed the check can be imported. The coverage report below says what is still missing.
 */
export function ImportSection({ onImported, onUnauthorized }: { onImported: () => void; onUnauthorized: () => void }) {
  const { ta } = useAdminI18n();
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [coverageError, setCoverageError] = useState<string | null>(null);
  const loadCoverage = useCallback(() => {
    getCoverage().then(
      (c) => {
        setCoverage(c);
        setCoverageError(null);
      },
      (err: unknown) => {
        if (isUnauthorized(err)) onUnauthorized();
        setCoverageError(ta('admin.failed', { message: err instanceof Error ? err.message : String(err) }));
      },
    );
  }, [onUnauthorized, ta]);
  useEffect(loadCoverage, [loadCoverage]);

  return (
    <section className="admin-section" aria-label={ta('admin.tab.import')}>
      <p className="admin-dim">{ta('import.order')}</p>
      {IMPORT_KINDS.map((kind) => (
        <ImportRow
          key={kind}
          kind={kind}
          onUnauthorized={onUnauthorized}
          onImported={() => {
            onImported();
            loadCoverage();
          }}
        />
      ))}
      <CoverageReport coverage={coverage} error={coverageError} />
    </section>
  );
}

type RowState =
  | { kind: 'idle' }
  | { kind: 'busy'; dryRun: boolean }
  | { kind: 'answer'; dryRun: boolean; outcome: ImportOutcome }
  | { kind: 'failed'; message: string };

function ImportRow({ kind, onImported, onUnauthorized }: { kind: ImportKind; onImported: () => void; onUnauthorized: () => void }) {
  const { ta } = useAdminI18n();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [state, setState] = useState<RowState>({ kind: 'idle' });
  const label = ta(`import.kind.${kind}` as AdminKey);

  async function send(dryRun: boolean) {
    if (!file) return;
    setState({ kind: 'busy', dryRun });
    try {
      const outcome = await importFile(kind, file, dryRun, kind === 'grids' ? name.trim() || undefined : undefined);
      setState({ kind: 'answer', dryRun, outcome });
      if (outcome.ok && !dryRun) onImported();
    } catch (err) {
      if (isUnauthorized(err)) onUnauthorized();
      setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }

  // Import only what the check just passed: a new file or a new name needs a new check.
  const checked = state.kind === 'answer' && state.dryRun && state.outcome.ok;
  const outcome = state.kind === 'answer' ? state.outcome : null;

  return (
    <div className="admin-import" data-kind={kind} data-testid={`import-${kind}`}>
      <div className="admin-form-row">
        <strong className="admin-import-kind">{label}</strong>
        <input
          type="file"
          accept={ACCEPT[kind]}
          aria-label={`${label} · ${ta('import.pick')}`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setState({ kind: 'idle' });
          }}
        />
        {kind === 'grids' && (
          <label>
            {ta('import.districtName')}
            <input
              name="districtName"
              value={name}
              maxLength={64}
              onChange={(e) => {
                setName(e.target.value);
                setState({ kind: 'idle' });
              }}
            />
          </label>
        )}
        <button type="button" disabled={!file || state.kind === 'busy'} onClick={() => void send(true)}>
          {state.kind === 'busy' && state.dryRun ? ta('import.checking') : ta('import.dryRun')}
        </button>
        <button type="button" className="admin-primary" disabled={!checked} onClick={() => void send(false)}>
          {state.kind === 'busy' && !state.dryRun ? ta('import.importing') : ta('import.run')}
        </button>
        <span className="admin-import-status" role="status" data-testid="import-status">
          {state.kind === 'failed' && <span className="admin-error">{ta('admin.failed', { message: state.message })}</span>}
          {outcome && !outcome.ok && <span className="admin-error">{ta('import.refused', { n: outcome.problems.length })}</span>}
          {outcome?.ok && (
            <span className="admin-good">{state.kind === 'answer' && state.dryRun ? ta('import.checked') : ta('import.done')}</span>
          )}
        </span>
      </div>
      {outcome?.ok && <Summary summary={outcome.summary} />}
      {outcome?.ok && kind === 'accounts' && <Passwords summary={outcome.summary} />}
      {outcome && !outcome.ok && (
        <table className="admin-table admin-problems" data-testid="problems">
          <thead>
            <tr>
              <th>{ta('import.colWhere')}</th>
              <th>{ta('import.colField')}</th>
              <th>{ta('import.colProblem')}</th>
              <th>{ta('import.colArea')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.problems.map((p, i) => (
              <tr key={i} data-code={p.code}>
                <td className="admin-mono admin-nowrap">{p.feature}</td>
                <td className="admin-mono">{p.field ?? ''}</td>
                <td>{p.message}</td>
                <td className="admin-num">{p.areaM2 !== undefined ? Math.round(p.areaM2).toLocaleString() : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * The temporary passwords of the accounts just created. The server keeps only their hashes, so
 * this table (kept until the row's next action) is the one place they are shown.
 */
function Passwords({ summary }: { summary: Record<string, unknown> }) {
  const { t, ta } = useAdminI18n();
  const parsed = ImportedAccountsSchema.safeParse(summary.accounts);
  const created: ImportedAccounts = parsed.success ? parsed.data.filter((a) => a.password) : [];
  if (created.length === 0) return null;
  return (
    <>
      <p role="note">
        <strong>{ta('import.passwords')}</strong>
      </p>
      <table className="admin-table" data-testid="temporary-passwords">
        <thead>
          <tr>
            <th>{ta('import.colUsername')}</th>
            <th>{ta('import.colName')}</th>
            <th>{ta('import.colRole')}</th>
            <th>{ta('import.colPassword')}</th>
          </tr>
        </thead>
        <tbody>
          {created.map((a) => (
            <tr key={a.username}>
              <td className="admin-mono">{a.username}</td>
              <td>{a.displayName}</td>
              <td>{t(`role.${a.role}` as MessageKey)}</td>
              <td className="admin-mono">{a.password}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The import's summary (counts added, updated, retired, left out) as `key: value` pairs; account passwords are left to their table. */
function Summary({ summary }: { summary: Record<string, unknown> }) {
  const { ta } = useAdminI18n();
  const shown = Object.entries(summary).filter(([k]) => k !== 'accounts');
  const parts = shown.map(([k, v]) => {
    const value = Array.isArray(v)
      ? v.length <= 5
        ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('、') || '0'
        : String(v.length)
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);
    return `${k}: ${value}`;
  });
  return (
    <p className="admin-summary" data-testid="summary">
      {ta('import.summary')} · {parts.join(' · ')}
    </p>
  );
}

function CoverageReport({ coverage, error }: { coverage: Coverage | null; error: string | null }) {
  const { ta } = useAdminI18n();
  if (error)
    return (
      <p className="admin-error" role="alert">
        {error}
      </p>
    );
  if (!coverage) return <p className="admin-dim">{ta('admin.loading')}</p>;
  const lists: { key: AdminKey; items: { code: string; name: string }[] }[] = [
    { key: 'coverage.gridsWithoutChecker', items: coverage.gridsWithoutChecker },
    { key: 'coverage.classesWithoutDepartment', items: coverage.classesWithoutDepartment },
    { key: 'coverage.departmentsWithoutHandler', items: coverage.departmentsWithoutHandler },
  ];
  return (
    <div className="admin-coverage" data-testid="coverage">
      <h2>{ta('coverage.title')}</h2>
      <p>{ta('coverage.counts', coverage.counts)}</p>
      <dl>
        {lists.map(({ key, items }) => (
          <div key={key} data-list={key}>
            <dt>
              {ta(key)} · {items.length}
            </dt>
            <dd>{items.length === 0 ? ta('coverage.complete') : items.map((x) => `${x.name} (${x.code})`).join('、')}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
