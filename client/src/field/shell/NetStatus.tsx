import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFieldI18n } from '../../i18n/field.ts';
import type { NetState } from '../net/connectivity.ts';
import type { OutboxView } from '../outbox/outbox.ts';

/**
 * The header's one status button: whether the server answers (在线 / 离线 / 连接中) and what
 * waits on the phone; a tap opens the outbox. The state word has its own element (`field-net`).
 */
export function NetStatus({
  net,
  view,
  waitingRows,
  onOpen,
}: {
  net: NetState;
  view: OutboxView;
  waitingRows: number;
  onOpen: () => void;
}) {
  const { t } = useI18n();
  const { tf } = useFieldI18n();
  const word = net === 'online' ? t('field.online') : net === 'offline' ? t('field.offline') : tf('fieldx.net.connecting');
  // Offline: how much waits (离线（3 条待发送）); otherwise the outbox in a word.
  const detail =
    net === 'offline'
      ? waitingRows > 0
        ? tf('fieldx.net.waiting', { n: waitingRows })
        : ''
      : view.pending > 0
        ? t('field.outbox.badge', { n: waitingRows })
        : t('field.outbox.clear');
  const refused = view.failed > 0 ? t('field.outbox.badgeFailed', { n: view.failed }) : '';
  return (
    <button
      type="button"
      className={`field-status field-status-${net}${view.failed ? ' field-status-failed' : ''}`}
      onClick={onOpen}
      data-testid="outbox-badge"
      data-net={net}
      data-pending={view.pending}
      data-failed={view.failed}
      data-waiting={waitingRows}
    >
      <span className="field-status-line">
        <span className="field-status-dot" aria-hidden="true" />
        <span className={`field-net field-net-${net}`} data-testid="field-net">
          {word}
        </span>
        {net === 'offline' && detail}
      </span>
      {net !== 'offline' && <span className="field-status-detail">{detail}</span>}
      {refused && <span className="field-status-detail">{refused}</span>}
    </button>
  );
}
