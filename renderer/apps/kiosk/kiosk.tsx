/**
 * The ticket kiosk: the visitor picks a matter, says whether they may be served first, and gets a
 * number — on screen at once, and on paper. If the printer cannot print, the number is still
 * issued and shown in large type, and the supervisor gets an alert. Every target is at least
 * 72 px, everything works by touch, keyboard and with the screen read aloud.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { ErrorCode } from '../../../electron/common/contract/result';
import { useCounters, useOffice, useServices, useTicketsOfDay, useToday } from '../../app/data';
import { PRINTER_PROBLEMS, usePrinterState } from '../../app/printer';
import { SPEECH_LANG, speak } from '../../app/speech';
import { newId, useWorkstation } from '../../app/workstation';
import { raiseAlert } from '../../db/alerts';
import { CheckInError } from '../../db/queue';
import { CODE_LENGTH, type CheckInRefusal } from '../../../electron/common/domain/appointment';
import type { OfficeDoc, ServiceDoc } from '../../db/schemas';
import { LANGUAGES, type Language, type PriorityReason } from '../../../electron/common/domain/office';
import { estimatedWaitMinutes, peopleAhead } from '../../../electron/common/domain/ordering';
import type { Ticket } from '../../../electron/common/domain/ticket';
import { errorMessage } from '../../i18n/error-messages';
import { LanguageProvider, translator, useT, type MessageId } from '../../i18n/i18n';

type PrintOutcome =
  { state: 'printing' } | { state: 'printed' } | { state: 'failed'; code: ErrorCode } | { state: 'no-printer' };

type Step =
  | { kind: 'services' }
  | { kind: 'appointment' }
  | { kind: 'priority'; service: ServiceDoc }
  | { kind: 'ticket'; ticket: Ticket; service: ServiceDoc; ahead: number; wait: number; print: PrintOutcome };

const TICKET_SCREEN_MS = 25_000;
const IDLE_RESET_MS = 60_000;

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
  const { queue, api, db, station } = useWorkstation();
  const office = useOffice();
  const services = useServices().filter((service) => service.active);
  const counters = useCounters();
  const today = useToday(office);
  const tickets = useTicketsOfDay(today);
  const printer = usePrinterState();
  const [step, setStep] = useState<Step>({ kind: 'services' });
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const reset = useCallback(() => {
    setStep({ kind: 'services' });
    setError(false);
    onLanguage('pl');
  }, [onLanguage]);

  // Move focus to the new step's heading so keyboard and screen-reader users start at the top.
  useEffect(() => {
    heading.current?.focus();
  }, [step.kind]);

  useEffect(() => {
    if (step.kind === 'services') return;
    const timer = setTimeout(reset, step.kind === 'ticket' ? TICKET_SCREEN_MS : IDLE_RESET_MS);
    return () => clearTimeout(timer);
  }, [step, reset]);

  /** Issues a ticket (walk-in or check-in), shows it at once, then prints it. */
  const obtain = async (issue: () => Promise<Ticket>): Promise<void> => {
    if (!office || busy) return;
    setBusy(true);
    setError(false);
    try {
      const ticket = await issue();
      const service = services.find((candidate) => candidate.id === ticket.service);
      if (!service) throw new Error(`Service ${ticket.service} is gone`);
      const waiting = await db.tickets
        .find({ selector: { day: ticket.day, state: 'waiting', service: service.id } })
        .exec();
      const ahead = peopleAhead(
        ticket,
        waiting.map((doc) => doc.toJSON() as Ticket),
        office.priorityRule,
        ticket.issuedAt,
      );
      const open = counters.filter(
        (counter) => counter.mode === 'open' && counter.services.includes(service.id),
      ).length;
      const wait = estimatedWaitMinutes(ahead, service.averageMinutes, open);
      setStep({ kind: 'ticket', ticket, service, ahead, wait, print: { state: 'printing' } });
      const outcome = await printTicket(ticket, service, office, ahead, wait, language);
      setStep((current) =>
        current.kind === 'ticket' && current.ticket.id === ticket.id ? { ...current, print: outcome } : current,
      );
    } catch (failure) {
      if (failure instanceof CheckInError) throw failure;
      console.error('ticket not issued', failure);
      setError(true);
    } finally {
      setBusy(false);
    }
  };

  const take = (service: ServiceDoc, priority: PriorityReason | null) =>
    obtain(() => queue.issue({ service: service.id, priority }));

  const timeOf = (at: number) =>
    new Intl.DateTimeFormat(language, { timeZone: office?.timeZone, hour: '2-digit', minute: '2-digit' }).format(at);

  const printTicket = async (
    ticket: Ticket,
    service: ServiceDoc,
    office: OfficeDoc,
    ahead: number,
    wait: number,
    language: Language,
  ): Promise<PrintOutcome> => {
    const tr = translator(language);
    const lines = [tr('ticket.print.ahead', { count: ahead })];
    if (ahead > 0) lines.push(tr('ticket.print.wait', { minutes: wait }));
    if (ticket.priority) lines.push(tr('ticket.print.priority'));
    if (ticket.appointmentAt) lines.push(tr('ticket.print.appointment', { time: timeOf(ticket.appointmentAt) }));
    const result = await api.printer.printTicket({
      ticketId: ticket.id,
      language,
      office: office.name[language],
      service: service.name[language],
      number: ticket.number,
      issued: new Intl.DateTimeFormat(language, {
        timeZone: office.timeZone,
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(ticket.issuedAt),
      lines,
      qr: office.statusUrl.replace('{id}', encodeURIComponent(ticket.id)),
      note: office.ticketNote[language],
    });
    if (result.ok) {
      if (result.value.warning) await alert('paper-near-end', ticket.number);
      return { state: 'printed' };
    }
    if (result.error.code === 'PRINTER_NOT_CONFIGURED') return { state: 'no-printer' };
    await alert(result.error.code, ticket.number);
    return { state: 'failed', code: result.error.code };
  };

  const alert = async (code: string, ticketNumber: string) => {
    await raiseAlert(db, { id: newId(), kind: 'printer', code, ticketNumber, station: station.stationId }).catch(
      (failure: unknown) => {
        console.error('alert not stored', failure);
      },
    );
  };

  const readAloud = () => {
    const text = document.querySelector('main')?.querySelector('[data-read-aloud]')?.textContent ?? '';
    void speak({ text, lang: SPEECH_LANG[language] });
  };

  const waitingFor = (service: string) =>
    tickets.filter((ticket) => ticket.state === 'waiting' && ticket.service === service).length;
  const printerProblem = printer && PRINTER_PROBLEMS.has(printer.status) ? printer.status : null;

  return (
    <main className="kiosk" lang={language}>
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
          <>
            <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
              {t('kiosk.chooseService')}
            </h1>
            {services.length === 0 && office && <p>{t('kiosk.noServices')}</p>}
            <button
              type="button"
              className="kiosk-appointment"
              disabled={busy}
              onClick={() => setStep({ kind: 'appointment' })}
            >
              <span className="kiosk-service-name">{t('kiosk.appointment')}</span>
              <span className="kiosk-service-meta">{t('kiosk.appointment.hint')}</span>
            </button>
            <ul className="kiosk-services">
              {services.map((service) => (
                <li key={service.id}>
                  <button
                    type="button"
                    className="kiosk-service"
                    disabled={busy}
                    onClick={() =>
                      service.allowsPriority ? setStep({ kind: 'priority', service }) : void take(service, null)
                    }
                  >
                    <span className="kiosk-service-name">{service.name[language]}</span>
                    <span className="kiosk-service-meta">
                      <span aria-hidden="true" className="kiosk-service-letter">
                        {service.letter}
                      </span>
                      {t('kiosk.waitingNow', { count: waitingFor(service.id) })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
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
            onCheckIn={(code) => obtain(() => queue.checkIn(code).then((checked) => checked.ticket))}
            onBack={reset}
          />
        )}

        {step.kind === 'priority' && office && (
          <>
            <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
              {t('kiosk.priority.title')}
            </h1>
            <p className="kiosk-explain">{t('kiosk.priority.explain')}</p>
            <div className="kiosk-choices">
              <button
                type="button"
                className="kiosk-choice kiosk-choice-main"
                disabled={busy}
                onClick={() => void take(step.service, null)}
              >
                {t('kiosk.priority.none')}
              </button>
              {office.priorityReasons.map((reason) => (
                <button
                  key={reason}
                  type="button"
                  className="kiosk-choice"
                  disabled={busy}
                  onClick={() => void take(step.service, reason)}
                >
                  {t(`kiosk.priority.${reason}` as MessageId)}
                </button>
              ))}
            </div>
            <button type="button" className="kiosk-back" onClick={reset}>
              {t('kiosk.back')}
            </button>
          </>
        )}

        {step.kind === 'ticket' && (
          <>
            <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
              {t('kiosk.ticket.title')} <span className="kiosk-number">{step.ticket.number}</span>
            </h1>
            <p className="kiosk-ticket-line">{t('kiosk.ticket.service', { service: step.service.name[language] })}</p>
            {step.ticket.priority && <p className="kiosk-ticket-line">{t('kiosk.ticket.priority')}</p>}
            {step.ticket.appointmentAt > 0 && (
              <p className="kiosk-ticket-line">
                {t('kiosk.ticket.appointment', { time: timeOf(step.ticket.appointmentAt) })}
              </p>
            )}
            {step.ticket.appointment && step.ticket.appointmentAt === 0 && (
              <p className="kiosk-ticket-line">{t('kiosk.ticket.appointmentLate')}</p>
            )}
            <p className="kiosk-ticket-line">{t('kiosk.ticket.ahead', { count: step.ahead })}</p>
            {step.ahead > 0 && <p className="kiosk-ticket-line">{t('kiosk.ticket.wait', { minutes: step.wait })}</p>}
            <p className={`kiosk-print kiosk-print-${step.print.state}`} role="status">
              {step.print.state === 'printing'
                ? t('kiosk.print.printing')
                : step.print.state === 'printed'
                  ? t('kiosk.print.done')
                  : step.print.state === 'no-printer'
                    ? t('kiosk.print.noPrinter', { number: step.ticket.number })
                    : t('kiosk.print.failed', {
                        number: step.ticket.number,
                        reason: t(errorMessage(step.print.code, 'print')),
                      })}
            </p>
            <p className="kiosk-ticket-line">{t('kiosk.ticket.watchBoard')}</p>
            <button type="button" className="kiosk-choice kiosk-choice-main" onClick={reset}>
              {t('kiosk.done')}
            </button>
          </>
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

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** The code of a booked visit, typed on the screen's keypad or a keyboard. */
function AppointmentStep({
  heading,
  busy,
  formatDay,
  onCheckIn,
  onBack,
}: {
  heading: RefObject<HTMLHeadingElement | null>;
  busy: boolean;
  formatDay: (day: string) => string;
  onCheckIn: (code: string) => Promise<void>;
  onBack: () => void;
}) {
  const t = useT();
  const [code, setCode] = useState('');
  const [refusal, setRefusal] = useState<{ reason: CheckInRefusal; day?: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    try {
      await onCheckIn(code);
    } catch (failure) {
      if (!(failure instanceof CheckInError)) throw failure;
      setRefusal(
        failure.appointment ? { reason: failure.refusal, day: failure.appointment.day } : { reason: failure.refusal },
      );
    }
  };

  return (
    <>
      <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
        {t('kiosk.appointment.title')}
      </h1>
      <p className="kiosk-explain">{t('kiosk.appointment.explain')}</p>
      <form className="kiosk-code-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="appointment-code">{t('kiosk.appointment.code')}</label>
        <input
          id="appointment-code"
          className="kiosk-code"
          inputMode="numeric"
          autoComplete="off"
          maxLength={CODE_LENGTH}
          value={code}
          aria-describedby={refusal ? 'appointment-refusal' : undefined}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, CODE_LENGTH))}
        />
        <div className="kiosk-keypad">
          {KEYPAD.map((digit) => (
            <button
              key={digit}
              type="button"
              disabled={code.length >= CODE_LENGTH}
              onClick={() => setCode(code + digit)}
            >
              {digit}
            </button>
          ))}
          <button
            type="button"
            aria-label={t('kiosk.appointment.delete')}
            disabled={code.length === 0}
            onClick={() => setCode(code.slice(0, -1))}
          >
            ⌫
          </button>
        </div>
        {refusal && (
          <p id="appointment-refusal" className="kiosk-error" role="alert">
            {t(`kiosk.appointment.error.${refusal.reason}` as MessageId, {
              date: refusal.day ? formatDay(refusal.day) : '',
            })}
          </p>
        )}
        <button type="submit" className="kiosk-choice kiosk-choice-main" disabled={busy || code.length !== CODE_LENGTH}>
          {t('kiosk.appointment.confirm')}
        </button>
      </form>
      <button type="button" className="kiosk-back" onClick={onBack}>
        {t('kiosk.back')}
      </button>
    </>
  );
}
