import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LangToggle } from '../i18n/LangToggle.tsx';

const PAGES: { path: string; name: MessageKey; hint: MessageKey }[] = [
  { path: '/wall', name: 'home.wall', hint: 'home.wallHint' },
  { path: '/dispatch', name: 'home.dispatch', hint: 'home.dispatchHint' },
  { path: '/dept', name: 'home.dept', hint: 'home.deptHint' },
  { path: '/check', name: 'home.check', hint: 'home.checkHint' },
  { path: '/meeting', name: 'home.meeting', hint: 'home.meetingHint' },
  { path: '/public', name: 'home.public', hint: 'home.publicHint' },
];

/** The index of the client's pages. `unknownPath` is set when the address matched no page. */
export function HomePage({ unknownPath }: { unknownPath?: string }) {
  const { t } = useI18n();
  return (
    <main className="home">
      <header className="home-header">
        <h1>{t('home.title')}</h1>
        <LangToggle />
      </header>
      <p>{t('home.lead')}</p>
      {unknownPath && <p className="home-notfound">{t('home.notFound', { path: unknownPath })}</p>}
      <ul className="home-links">
        {PAGES.map((p) => (
          <li key={p.path}>
            <a href={p.path}>
              <strong>{p.path}</strong> · {t(p.name)}
            </a>
            <span>{t(p.hint)}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
