/**
 * The ticket kiosk: the visitor picks a matter, says whether they may be served first, and gets a
 * number — on screen at once, and on paper. If the printer cannot print, the number is still
 * issued and shown in large type, and the supervisor gets an alert. A matter that takes no ticket
 * now (its daily limit, its cut-off before closing, the office's hours) shows why on its button,
 * which cannot be pressed, and the screen says what to do instead; a booked visit is checked in
 * all the same. A visitor who does not know which matter is theirs finds it in their own words
 * (finder-step.tsx). After the ticket, when the office hub sends SMS or e-mail, the visitor may
 * leave a number or an address for one message when their turn is near (contact-step.tsx). The supervisor's notices standing now show in a band under the header (the board
 * reads them aloud; the kiosk's own button reads only the step). Every target is at least 72 px, everything works by touch, keyboard and with the
 * screen read aloud.
 */
import { useEffect, useRef, useState } from 'react';
import { acceptedReasons, LANGUAGES, type Language } from '../../../electron/common/domain/office';
import type { TicketRefusal } from '../../../electron/common/domain/ticket-limits';
import { useNotices, useTicketsOfDay, useToday } from '../../app/data';
import { PRINTER_PROBLEMS, usePrinterState } from '../../app/printer';
import { SPEECH_LANG, speak } from '../../app/speech';
import type { OfficeDoc, ServiceDoc } from '../../db/schemas';
import { LanguageProvider, useT, type MessageId } from '../../i18n/i18n';
import { NoticeBand, useActiveNotices } from '../board/notices';
import { AppointmentStep } from './appointment-step';
import { IssuedSteps } from './contact-step';
import { FinderStep } from './finder-step';
import { PriorityStep, ServicesStep } from './kiosk-steps';
import { dateOf } from './print-ticket';
import { refusalText, type RefusalWording } from './unavailable';
import { useKioskSteps } from './use-kiosk-steps';
import { useTicketRefusals } from './use-ticket-refusals';

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
  const { office, services, step, setStep, error, refused, busy, reset, take, checkIn } = useKioskSteps(
    language,
    onLanguage,
  );
  const today = useToday(office);
  const tickets = useTicketsOfDay(today);
  const refusals = useTicketRefusals(office, services, tickets);
  const wording: RefusalWording = { language, timeZone: office?.timeZone ?? 'UTC', today };
  const heading = useRef<HTMLHeadingElement>(null);
  const notices = useActiveNotices(useNotices());

  // Move focus to the new step's heading so keyboard and screen-reader users start at the top.
  useEffect(() => {
    heading.current?.focus();
  }, [step.kind]);

  const readAloud = () => {
    const text = readableText(document.querySelector('main')?.querySelector('[data-read-aloud]'));
    void speak({ text, lang: SPEECH_LANG[language] });
  };
  const waitingFor = (service: string) =>
    tickets.filter((ticket) => ticket.state === 'waiting' && ticket.service === service).length;
  const choose = (service: ServiceDoc) =>
    office && acceptedReasons(office, service).length > 0
      ? setStep({ kind: 'priority', service })
      : void take(service, null);
  const offered = { heading, services, refusals, wording, busy, waitingFor, onService: choose };

  return (
    <main className="kiosk" lang={language}>
      <KioskHeader office={office} language={language} onLanguage={onLanguage} />
      <NoticeBand notices={notices} language={language} />
      <KioskAlerts printerWarning={step.kind !== 'ticket'} error={error} refused={refused} wording={wording} />
      <section className="kiosk-body" data-read-aloud aria-labelledby="kiosk-step">
        {step.kind === 'services' && (
          <ServicesStep
            {...offered}
            office={office}
            onAppointment={() => setStep({ kind: 'appointment' })}
            onFind={() => setStep({ kind: 'finder' })}
          />
        )}
        {step.kind === 'finder' && <FinderStep {...offered} onBack={() => setStep({ kind: 'services' })} />}
        {step.kind === 'appointment' && (
          <AppointmentStep
            heading={heading}
            busy={busy}
            formatDay={(day) => dateOf(language, day)}
            onCheckIn={checkIn}
            onBack={reset}
          />
        )}
        {step.kind === 'priority' && office && (
          <PriorityStep
            heading={heading}
            office={office}
            service={step.service}
            busy={busy}
            onTake={(reason) => void take(step.service, reason)}
            onBack={reset}
          />
        )}
        {(step.kind === 'ticket' || step.kind === 'contact') && (
          <IssuedSteps heading={heading} step={step} office={office} language={language} go={setStep} onDone={reset} />
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

/** The step's words to read aloud, without what is marked to skip (the keys on the screen). */
function readableText(step: Element | null | undefined): string {
  const copy = step?.cloneNode(true) as Element | undefined;
  copy?.querySelectorAll('[data-read-aloud-skip]').forEach((skipped) => skipped.remove());
  return copy?.textContent ?? '';
}

/** Above the step: a printer that cannot print, a ticket not issued, or one the office refused, and why. */
function KioskAlerts({
  printerWarning,
  error,
  refused,
  wording,
}: {
  printerWarning: boolean;
  error: boolean;
  refused: TicketRefusal | null;
  wording: RefusalWording;
}) {
  const t = useT();
  const printer = usePrinterState();
  const printerProblem = printer && PRINTER_PROBLEMS.has(printer.status) ? printer.status : null;
  return (
    <>
      {printerProblem && printerWarning && (
        <p className="kiosk-warning" role="status">
          {t('kiosk.printerWarning', { reason: t(`printer.status.${printerProblem}` as MessageId) })}
        </p>
      )}
      {error && (
        <p className="kiosk-error" role="alert">
          {t('kiosk.error')}
        </p>
      )}
      {refused && (
        <p className="kiosk-error" role="alert">
          {t('kiosk.refused', { reason: refusalText(t, refused, wording) })}
        </p>
      )}
    </>
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
