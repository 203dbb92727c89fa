/**
 * The three languages as toggle buttons (`aria-pressed`), each named in its own language and
 * marked with its `lang` so a screen reader says it right: the board, the status and booking
 * pages, the customer screen, the satisfaction question and the exit tablet all choose with it.
 */
import { LANGUAGES, type Language } from '../../electron/common/domain/office';
import { useT, type MessageId } from '../i18n/i18n';

export function LanguageButtons({
  language,
  onLanguage,
  className,
}: {
  language: Language;
  onLanguage: (language: Language) => void;
  /** The screen's own layout for the group. */
  className?: string;
}) {
  const t = useT();
  return (
    <div className={className} role="group" aria-label={t('language.choose')}>
      {LANGUAGES.map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => onLanguage(code)}>
          {t(`language.${code}` as MessageId)}
        </button>
      ))}
    </div>
  );
}
