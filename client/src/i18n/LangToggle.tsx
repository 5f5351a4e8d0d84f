import { useI18n } from './I18nProvider.tsx';

/** The 中文 / English switch every page header carries. */
export function LangToggle({ className = 'lang-toggle' }: { className?: string }) {
  const { t, lang, setLang } = useI18n();
  return (
    <button type="button" className={className} onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
      {t('lang.toggle')}
    </button>
  );
}
