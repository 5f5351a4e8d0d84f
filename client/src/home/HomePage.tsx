import { useAdminI18n, type AdminKey } from '../i18n/admin.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { LangToggle } from '../i18n/LangToggle.tsx';

/** A page's name and hint: from the main dictionary, or (`admin:`) from the administration one. */
type Text = MessageKey | `admin:${AdminKey}`;

const PAGES: { path: string; name: Text; hint: Text }[] = [
  { path: '/wall', name: 'home.wall', hint: 'home.wallHint' },
  { path: '/dispatch', name: 'home.dispatch', hint: 'home.dispatchHint' },
  { path: '/dept', name: 'home.dept', hint: 'home.deptHint' },
  { path: '/check', name: 'home.check', hint: 'home.checkHint' },
  { path: '/field', name: 'admin:home.field', hint: 'admin:home.fieldHint' },
  { path: '/meeting', name: 'home.meeting', hint: 'home.meetingHint' },
  { path: '/public', name: 'home.public', hint: 'home.publicHint' },
  { path: '/admin', name: 'admin:home.admin', hint: 'admin:home.adminHint' },
];

/** The index of the client's pages. `unknownPath` is set when the address matched no page. */
export function HomePage({ unknownPath }: { unknownPath?: string }) {
  const { t, ta } = useAdminI18n();
  const text = (k: Text) => (k.startsWith('admin:') ? ta(k.slice('admin:'.length) as AdminKey) : t(k as MessageKey));
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
              <strong>{p.path}</strong> · {text(p.name)}
            </a>
            <span>{text(p.hint)}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
