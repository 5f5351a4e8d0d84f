import { useCallback, useMemo, useRef, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import type { SessionContext } from '../auth/SessionGate.tsx';
import { RoleGate } from '../auth/RoleGate.tsx';
import { buildLookups, type Lookups } from '../common/lookups.ts';
import { useReference } from '../common/useReference.ts';
import { ACTION_SPECS, allowedActions, type CaseAction } from '../desk/actions.ts';
import { awaitingCheck } from '../desk/queues.ts';
import { ActionForm } from '../desk/ActionForm.tsx';
import { DeskHeader } from '../desk/DeskHeader.tsx';
import { PhotoStrip } from '../desk/PhotoStrip.tsx';
import { useCaseActions } from '../desk/useCaseActions.ts';
import { useCaseDetail } from '../common/useCaseDetail.ts';
import { usePageClass } from '../desk/usePageClass.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useLiveSync } from '../sync/useLiveSync.ts';
import '../desk/desk.css';
import './check.css';
import { CaseNo } from '../common/CaseNo.tsx';

/** Who checks on site (routing only; the buttons come from the workflow table and policy). */
const CHECK_ROLES = ['grid_staff', 'patrol'] as const;

/**
 * `/check`: the on-site check (核查) on a phone. The handled cases in my grids, each with the
 * department's feedback and photos, and two big buttons: pass (optional note and photo) or fail
 * (reason required: the case goes back to the department as rework 返工).
 */
export default function CheckPage({ session }: { session: SessionContext }) {
  return (
    <RoleGate user={session.user} roles={CHECK_ROLES}>
      <Check session={session} />
    </RoleGate>
  );
}

function Check({ session }: { session: SessionContext }) {
  const { t, lang } = useI18n();
  const { user, onUnauthorized, epoch } = session;
  usePageClass('page-phone');
  const { sync, state } = useLiveSync({ onUnauthorized, epoch });
  const reference = useReference(onUnauthorized);
  const lookups = useMemo(() => buildLookups(reference.grids, reference.categories, lang), [reference.grids, reference.categories, lang]);
  const cases = useMemo(() => awaitingCheck(state.incidents.values(), user, new Date()), [state.revision, user]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [recent, setRecent] = useState<{ id: string; action: CaseAction; label: string }[]>([]);
  const expanded = openId ?? (cases.length === 1 ? cases[0]!.id : null);

  const onChecked = useCallback(
    (c: Incident, action: CaseAction) => {
      sync.applyLocal(c);
      const where = lookups.grid(c.gridCode)?.name ?? c.gridCode;
      setRecent((r) => [{ id: c.id, action, label: `${lookups.category(c.categoryCode) ?? c.categoryCode} · ${where}` }, ...r].slice(0, 5));
      setOpenId(null);
    },
    [sync, lookups],
  );

  return (
    <div className="check" data-testid="check">
      <DeskHeader title={t('check.title')} user={user} connection={state.connection} />
      <main className="check-main">
        {recent.length > 0 && (
          <ul className="check-recent" role="status">
            {recent.map((r) => (
              <li key={`${r.id}:${r.action}`} className={`check-recent-${r.action}`}>
                {r.action === 'check_fail' ? '↩' : '✓'} {t(`action.${r.action}` as MessageKey)} · {r.label}
              </li>
            ))}
          </ul>
        )}
        <p className="check-count" data-testid="check-count">
          {state.loaded ? t('check.count', { n: cases.length }) : t('desk.loading')}
        </p>
        <ul className="check-list" data-testid="check-list">
          {cases.map((c) => (
            <CheckCard
              key={c.id}
              incident={c}
              user={user}
              lookups={lookups}
              expanded={c.id === expanded}
              onToggle={() => setOpenId(c.id === expanded ? (cases.length === 1 ? c.id : null) : c.id)}
              onApplied={(next, action) => onChecked(next, action)}
              onUnauthorized={onUnauthorized}
            />
          ))}
          {state.loaded && cases.length === 0 && <li className="check-empty">{t('check.none')}</li>}
        </ul>
      </main>
    </div>
  );
}

interface CheckCardProps {
  incident: Incident;
  user: User;
  lookups: Lookups;
  expanded: boolean;
  onToggle: () => void;
  onApplied: (c: Incident, action: CaseAction) => void;
  onUnauthorized: () => void;
}

function CheckCard({ incident: c, user, lookups, expanded, onToggle, onApplied, onUnauthorized }: CheckCardProps) {
  const { t } = useI18n();
  const grid = lookups.grid(c.gridCode);
  return (
    <li className={`check-card${expanded ? ' check-card-open' : ''}`} data-id={c.id}>
      <button type="button" className="check-card-head" onClick={onToggle} aria-expanded={expanded}>
        <span className="check-card-title">
          {c.urgent && <span className="badge badge-urgent">{t('case.urgentShort')}</span>}
          <CaseNo incident={c} /> {lookups.category(c.categoryCode) ?? c.categoryCode}
          {c.reworkCount > 0 && <span className="flag flag-back">{t('flag.rework', { n: c.reworkCount })}</span>}
        </span>
        <span className="check-card-where">{grid ? grid.name : c.gridCode}</span>
        <span className="check-card-meta">
          {lookups.department(c.leadDept)} · {t('check.handledAt', { time: c.handledAt ? formatDateTime(c.handledAt) : '—' })}
        </span>
      </button>
      {expanded && <CheckDetail incident={c} user={user} lookups={lookups} onApplied={onApplied} onUnauthorized={onUnauthorized} />}
    </li>
  );
}

function CheckDetail({ incident: c, user, lookups, onApplied, onUnauthorized }: Omit<CheckCardProps, 'expanded' | 'onToggle'>) {
  const { t } = useI18n();
  const { detail, reload } = useCaseDetail(c.id, c.version, onUnauthorized);
  const [form, setForm] = useState<CaseAction | null>(null);
  const pending = useRef<CaseAction | null>(null);
  const actions = useCaseActions({
    onApplied: (next) => onApplied(next, pending.current ?? 'check_pass'),
    onConflict: async () => {
      await reload();
    },
    onUnauthorized,
  });
  const feedback = detail?.history.filter((e) => e.kind === 'feedback').at(-1);
  const allowed = allowedActions(user, c, new Date());
  return (
    <div className="check-detail">
      <p className="check-description">{c.description}</p>
      {feedback && (
        <div className="check-feedback">
          <h3>{t('check.feedback', { who: feedback.actor.name, time: formatDateTime(feedback.at) })}</h3>
          {feedback.reason && <p>{feedback.reason}</p>}
        </div>
      )}
      <PhotoStrip photos={c.photos} emptyText={t('case.noPhotos')} />
      {!form && (
        <div className="check-buttons">
          {allowed.map((a) => (
            <button
              key={a}
              type="button"
              className={`action action-${ACTION_SPECS[a].tone} action-big`}
              data-action={a}
              onClick={() => setForm(a)}
            >
              {t(`action.${a}` as MessageKey)}
            </button>
          ))}
        </div>
      )}
      {form && (
        <ActionForm
          key={form}
          action={form}
          incident={c}
          lookups={lookups}
          busy={actions.busy !== null}
          large
          onCancel={() => setForm(null)}
          onSubmit={(input) => {
            pending.current = form;
            void actions.run(c, form, input);
          }}
        />
      )}
      {actions.problem && (
        <p className="action-problem" role="alert" data-testid="action-problem">
          {actions.problem.conflict
            ? t('action.conflict', { reason: actions.problem.reason })
            : actions.problem.status === 0
              ? t('form.textRequired')
              : t('action.refused', { reason: actions.problem.reason })}
        </p>
      )}
    </div>
  );
}
