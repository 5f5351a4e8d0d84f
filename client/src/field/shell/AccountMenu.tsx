import { useState } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import type { MessageKey } from '../../i18n/dict.ts';
import { useFieldI18n } from '../../i18n/field.ts';
import { LangToggle } from '../../i18n/LangToggle.tsx';
import type { Outbox, OutboxView } from '../outbox/outbox.ts';

/**
 * The account sheet: who is signed in, the language switch and sign-out. Signing out with
 * something still in the outbox first says how much and offers to send it: what is not sent is
 * deleted with the sign-out, because it may only ever be sent under this account.
 */
export function AccountMenu({
  user,
  view,
  unsent,
  outbox,
  patrolRunning,
  onSignOut,
  onClose,
}: {
  user: User;
  view: OutboxView;
  /** What waits or was refused, counted as the user thinks of it (a report with photos is one). */
  unsent: number;
  outbox: Outbox;
  patrolRunning: boolean;
  onSignOut: () => Promise<boolean>;
  onClose: () => void;
}) {
  const { t, tf } = useFieldI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const warn = unsent > 0 || patrolRunning;

  async function signOut() {
    setBusy(true);
    setFailed(false);
    const ok = await onSignOut();
    if (!ok) {
      setBusy(false);
      setFailed(true);
    }
  }

  return (
    <div className="field-sheet field-menu" role="dialog" aria-modal="true" aria-labelledby="field-menu-title" data-testid="field-menu">
      <h2 id="field-menu-title">{tf('fieldx.menu.title')}</h2>
      <p className="field-menu-user">
        <strong>{user.displayName}</strong>
        <small>
          {t(`role.${user.role}` as MessageKey)}
          {user.gridCodes.length > 0 && ` · ${tf('fieldx.menu.grids', { n: user.gridCodes.length })}`}
        </small>
      </p>
      <div className="field-menu-row">
        <span>{tf('fieldx.menu.language')}</span>
        <LangToggle className="field-secondary field-lang" />
      </div>

      {confirming && warn && (
        <div className="field-warning" role="alert" data-testid="signout-warning" data-unsent={unsent}>
          {unsent > 0 && (
            <>
              <strong>{tf('fieldx.signout.pending', { n: unsent })}</strong>
              <p>{tf('fieldx.signout.pendingBody')}</p>
            </>
          )}
          {patrolRunning && <p>{tf('fieldx.signout.patrol')}</p>}
          {unsent > 0 && (
            <button
              type="button"
              className="field-secondary field-wide"
              onClick={() => void outbox.flush()}
              disabled={view.sending || view.pending === 0}
              data-testid="signout-send"
            >
              {view.sending ? t('field.outbox.sending') : t('field.outbox.retry')}
            </button>
          )}
        </div>
      )}
      {failed && (
        <p className="field-error" role="alert">
          {tf('fieldx.signout.failed')}
        </p>
      )}

      <div className="field-row">
        <button type="button" className="field-secondary" onClick={onClose} data-testid="field-menu-close">
          {confirming ? t('field.cancel') : t('field.close')}
        </button>
        <button
          type="button"
          className="field-danger"
          disabled={busy}
          onClick={() => (warn && !confirming ? setConfirming(true) : void signOut())}
          data-testid={confirming && unsent > 0 ? 'signout-discard' : 'field-signout'}
        >
          {busy ? tf('fieldx.signout.working') : confirming && unsent > 0 ? tf('fieldx.signout.discard') : t('session.signOut')}
        </button>
      </div>
    </div>
  );
}
