import { useI18n } from '../i18n/I18nProvider.tsx';

/** The index of the client's pages. `unknownPath` is set when the address matched no page. */
export function HomePage({ unknownPath }: { unknownPath?: string }) {
  const { t, lang, setLang } = useI18n();
  return (
    <main className="home">
      <header className="home-header">
        <h1>{t('home.title')}</h1>
        <button type="button" className="lang-toggle" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('lang.toggle')}
        </button>
      </header>
      <p>{t('home.lead')}</p>
      {unknownPath && <p className="home-notfound">{t('home.notFound', { path: unknownPath })}</p>}
      <ul className="home-links">
        <li>
          <a href="/wall">
            <strong>/wall</strong> · {t('home.wall')}
          </a>
          <span>{t('home.wallHint')}</span>
        </li>
      </ul>
    </main>
  );
}
