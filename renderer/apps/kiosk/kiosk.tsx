/**
 * The ticket kiosk: the visitor picks a matter, says whether they may be served first, and gets a
 * number — on screen at once, and on paper. If the printer cannot print, the number is still
 * issued and shown in large type, and the supervisor gets an alert. Every target is at least
 * 72 px, everything works by touch, keyboard and with the screen read aloud.
 */
import { useEffect, useRef, useState } from 'react';
import { LANGUAGES, type Language } from '../../../electron/common/domain/office';
import { useTicketsOfDay, useToday } from '../../app/data';
import { PRINTER_PROBLEMS, usePrinterState } from '../../app/printer';
import { SPEECH_LANG, speak } from '../../app/speech';
import type { OfficeDoc } from '../../db/schemas';
import { LanguageProvider, useT, type MessageId } from '../../i18n/i18n';
import { AppointmentStep } from './appointment-step';
import { PriorityStep, ServicesStep, TicketStep } from './kiosk-steps';
import { useKioskSteps } from './use-kiosk-steps';

export function Kiosk() {
  const [language, setLanguage] = useState<Language>('pl');
  return (
    <LanguageProvider language={language}>
      <KioskScreen language={language} onLanguage={setLanguage} />
    </LanguageProvider>
  );
}

function KioskScreen({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const t = useT();
  const { office, services, step, setStep, error, busy, reset, take, checkIn } = useKioskSteps(language, onLanguage);
  const tickets = useTicketsOfDay(useToday(office));
  const printer = usePrinterState();
  const heading = useRef<HTMLHeadingElement>(null);

  // Move focus to the new step's heading so keyboard and screen-reader users start at the top.
  useEffect(() => {
    heading.current?.focus();
  }, [step.kind]);

  const readAloud = () => {
    const text = document.querySelector('main')?.querySelector('[data-read-aloud]')?.textContent ?? '';
    void speak({ text, lang: SPEECH_LANG[language] });
  };
  const waitingFor = (service: string) =>
    tickets.filter((ticket) => ticket.state === 'waiting' && ticket.service === service).length;
  const printerProblem = printer && PRINTER_PROBLEMS.has(printer.status) ? printer.status : null;

  return (
    <main className="kiosk" lang={language}>
      <KioskHeader office={office} language={language} onLanguage={onLanguage} />
      {printerProblem && step.kind !== 'ticket' && (
        <p className="kiosk-warning" role="status">
          {t('kiosk.printerWarning', { reason: t(`printer.status.${printerProblem}` as MessageId) })}
        </p>
      )}
      {error && (
        <p className="kiosk-error" role="alert">
          {t('kiosk.error')}
        </p>
      )}
      <section className="kiosk-body" data-read-aloud aria-labelledby="kiosk-step">
        {step.kind === 'services' && (
          <ServicesStep
            heading={heading}
            office={office}
            services={services}
            language={language}
            busy={busy}
            waitingFor={waitingFor}
            onAppointment={() => setStep({ kind: 'appointment' })}
            onService={(service) =>
              service.allowsPriority ? setStep({ kind: 'priority', service }) : void take(service, null)
            }
          />
        )}
        {step.kind === 'appointment' && (
          <AppointmentStep
            heading={heading}
            busy={busy}
            formatDay={(day) =>
              new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
                Date.parse(`${day}T12:00:00Z`),
              )
            }
            onCheckIn={checkIn}
            onBack={reset}
          />
        )}
        {step.kind === 'priority' && office && (
          <PriorityStep
            heading={heading}
            office={office}
            busy={busy}
            onTake={(reason) => void take(step.service, reason)}
            onBack={reset}
          />
        )}
        {step.kind === 'ticket' && (
          <TicketStep heading={heading} step={step} office={office} language={language} onDone={reset} />
        )}
      </section>
      <footer className="kiosk-footer">
        <button type="button" className="kiosk-read" onClick={readAloud}>
          {t('kiosk.readAloud')}
        </button>
      </footer>
    </main>
  );
}

function KioskHeader({
  office,
  language,
  onLanguage,
}: {
  office: OfficeDoc | null;
  language: Language;
  onLanguage: (language: Language) => void;
}) {
  const t = useT();
  return (
    <header className="kiosk-header">
      <p className="kiosk-office">{office?.name[language]}</p>
      <div className="kiosk-languages" role="group" aria-label={t('language.choose')}>
        {LANGUAGES.map((code) => (
          <button
            key={code}
            type="button"
            lang={code}
            className="kiosk-language"
            aria-pressed={language === code}
            onClick={() => onLanguage(code)}
          >
            {t(`language.${code}` as MessageId)}
          </button>
        ))}
      </div>
    </header>
  );
}
