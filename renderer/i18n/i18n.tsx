/**
 * Every word of the UI goes through react-intl (FormatJS), which formats ICU messages with the
 * CLDR plural rules — Polish and Ukrainian need one/few/many, which hand-written `count === 1`
 * logic gets wrong. Polish is the source; English and Ukrainian must be complete.
 */
import { useEffect, type ReactNode } from 'react';
import { createIntl, createIntlCache, IntlProvider, useIntl } from 'react-intl';
import type { Language } from '../../electron/common/domain/office';
import { en } from './messages/en';
import { pl, type MessageId } from './messages/pl';
import { uk } from './messages/uk';

export type { MessageId };
export type MessageValues = Record<string, string | number>;

export const MESSAGES: Readonly<Record<Language, Readonly<Record<MessageId, string>>>> = { pl, en, uk };

export function LanguageProvider({
  language,
  children,
  setDocumentLanguage = true,
}: {
  language: Language;
  children: ReactNode;
  setDocumentLanguage?: boolean;
}) {
  useEffect(() => {
    // Screen readers and speech pick their voice from <html lang>.
    if (setDocumentLanguage) document.documentElement.lang = language;
  }, [language, setDocumentLanguage]);
  return (
    <IntlProvider locale={language} defaultLocale="pl" messages={MESSAGES[language]}>
      {children}
    </IntlProvider>
  );
}

export type Translate = (id: MessageId, values?: MessageValues) => string;

export function useT(): Translate {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}

const cache = createIntlCache();
const intls = new Map<Language, ReturnType<typeof createIntl>>();

/** Translation outside React (the printed ticket, speech). */
export function translator(language: Language): Translate {
  let intl = intls.get(language);
  if (!intl) {
    intl = createIntl({ locale: language, defaultLocale: 'pl', messages: MESSAGES[language] }, cache);
    intls.set(language, intl);
  }
  const bound = intl;
  return (id, values) => bound.formatMessage({ id }, values);
}
