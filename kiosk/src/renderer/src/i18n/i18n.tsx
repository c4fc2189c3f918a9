import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { LOCALES, MESSAGES, type TLanguage, type TMessages } from './messages';

interface TI18n {
  t: TMessages;
  language: TLanguage;
  locale: string;
  setLanguage: (language: TLanguage) => void;
}

const I18nContext = createContext<TI18n | null>(null);

export function I18nProvider({ children, initial = 'en' }: { children: ReactNode; initial?: TLanguage }) {
  const [language, setLanguage] = useState<TLanguage>(initial);
  const value = useMemo(
    () => ({ t: MESSAGES[language], language, locale: LOCALES[language], setLanguage }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): TI18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** A message as what it says (given the language's messages), not as text already in one language. */
export type TSay = (t: TMessages) => string;

/**
 * A notice a screen shows until it is replaced: kept as what it says, so switching the language while
 * it shows says it again in the other (a customer who cannot read the first is the one who switches).
 * Returns its text in the language on screen, and the setter.
 */
export function useNotice(initial: TSay | null = null): [string | null, (say: TSay | null) => void] {
  const { t } = useI18n();
  // Wrapped: React would call a function given to useState as an initializer or updater.
  const [notice, setNotice] = useState<{ say: TSay } | null>(initial && { say: initial });
  const set = useCallback((say: TSay | null) => setNotice(say && { say }), []);
  return [notice ? notice.say(t) : null, set];
}

/** On every screen: switches between English and Hindi. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <button
      type="button"
      className="language-switch"
      // Named by what it shows (the other language's name), then what it does, for voice control.
      aria-label={`${t.language}: ${t.languageLabel}`}
      lang={language === 'en' ? 'hi' : 'en'}
      onClick={() => setLanguage(language === 'en' ? 'hi' : 'en')}
    >
      {t.language}
    </button>
  );
}
