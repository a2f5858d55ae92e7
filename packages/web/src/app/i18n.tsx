import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en, type MessageKey, zh } from './messages.ts';

export type Lang = 'zh' | 'en';
const LANG_KEY = 'leqi.lang';

export function storedLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
}

/** The value sent as Accept-Language so server messages match the UI. */
export function acceptLanguage(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string>) => string;
  /** Pick the label of an enum value from a label table, falling back to the value or a server label. */
  label: (
    table: Record<string, { zh: string; en: string }>,
    value: string | null | undefined,
    fallback?: string,
  ) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? storedLang());
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = lang === 'en' ? en : zh;
    return {
      lang,
      setLang,
      t: (key, vars) => {
        let text: string = dict[key];
        for (const [name, v] of Object.entries(vars ?? {})) text = text.replace(`{${name}}`, v);
        return text;
      },
      label: (table, value, fallback) => {
        if (!value) return fallback ?? dict.noValue;
        return table[value]?.[lang] ?? fallback ?? value;
      },
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
