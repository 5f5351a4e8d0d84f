import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isLang, translate, type Lang, type MessageKey } from './dict.ts';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The message for `key` in the current language. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

const STORAGE_KEY = 'streetchief.lang';

/** `?lang=en` wins (a wall is configured by its URL), then the last choice on this screen, then zh-CN. */
function initialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage can be disabled (kiosk profiles); the default is fine.
  }
  return 'zh-CN';
}

const I18nContext = createContext<I18n>({
  lang: 'zh-CN',
  setLang: () => {},
  t: (key, params) => translate('zh-CN', key, params),
});

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // See initialLang.
    }
  }, []);

  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its translate function. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
