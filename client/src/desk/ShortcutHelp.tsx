import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ACTION_SPECS, type CaseAction } from './actions.ts';

/** Every desk shortcut; the action letters are the ones on the buttons. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const nav: [string, MessageKey][] = [
    ['J / ↓', 'keys.next'],
    ['K / ↑', 'keys.prev'],
    ['Enter', 'keys.open'],
    ['1–9, 0', 'keys.queue'],
    ['← / →', 'keys.queueStep'],
    ['Esc', 'keys.close'],
    ['?', 'keys.help'],
  ];
  return (
    <div
      className="shortcut-help"
      role="dialog"
      aria-modal="true"
      aria-label={t('keys.title')}
      onClick={onClose}
      data-testid="shortcut-help"
    >
      <div className="shortcut-card" onClick={(e) => e.stopPropagation()}>
        <h2>{t('keys.title')}</h2>
        <div className="shortcut-columns">
          <dl>
            {nav.map(([k, label]) => (
              <div key={k}>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{t(label)}</dd>
              </div>
            ))}
          </dl>
          <dl>
            {(Object.keys(ACTION_SPECS) as CaseAction[]).map((a) => (
              <div key={a}>
                <dt>
                  <kbd>{ACTION_SPECS[a].key.toUpperCase()}</kbd>
                </dt>
                <dd>{t(`action.${a}` as MessageKey)}</dd>
              </div>
            ))}
          </dl>
        </div>
        <p className="shortcut-note">{t('keys.note')}</p>
        <button type="button" className="action action-ghost" onClick={onClose} autoFocus>
          {t('form.close')} <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
