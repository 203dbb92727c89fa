/**
 * The ticket kiosk: the visitor picks a matter, says whether they may be served first, and gets a
 * number — on screen at once, and on paper. If the printer cannot print, the number is still
 * issued and shown in large type, and the supervisor gets an alert. Every target is at least
 * 72 px, everything works by touch, keyboard and with the screen read aloud.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode } from '../../../electron/contract/result';
import { useCounters, useOffice, useServices, useTicketsOfDay, useToday } from '../../app/data';
import { PRINTER_PROBLEMS, usePrinterState } from '../../app/printer';
import { SPEECH_LANG, speak } from '../../app/speech';
import { newId, useWorkstation } from '../../app/workstation';
import { raiseAlert } from '../../db/alerts';
import type { OfficeDoc, ServiceDoc } from '../../db/schemas';
import { LANGUAGES, type Language, type PriorityReason } from '../../domain/office';
import { estimatedWaitMinutes, peopleAhead } from '../../domain/ordering';
import type { Ticket } from '../../domain/ticket';
import { LanguageProvider, translator, useT, type MessageId } from '../../i18n/i18n';

type PrintOutcome = { state: 'printing' } | { state: 'printed' } | { state: 'failed'; code: ErrorCode } | { state: 'no-printer' };

type Step =
  | { kind: 'services' }
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

  const take = async (service: ServiceDoc, priority: PriorityReason | null) => {
    if (!office || busy) return;
    setBusy(true);
    setError(false);
    try {
      const ticket = await queue.issue({ service: service.id, priority });
      const waiting = await db.tickets.find({ selector: { day: ticket.day, state: 'waiting', service: service.id } }).exec();
      const ahead = peopleAhead(ticket, waiting.map((doc) => doc.toJSON() as Ticket), office.priorityRule);
      const open = counters.filter((counter) => counter.mode === 'open' && counter.services.includes(service.id)).length;
      const wait = estimatedWaitMinutes(ahead, service.averageMinutes, open);
      setStep({ kind: 'ticket', ticket, service, ahead, wait, print: { state: 'printing' } });
      const outcome = await printTicket(ticket, service, office, ahead, wait, language);
      setStep((current) => (current.kind === 'ticket' && current.ticket.id === ticket.id ? { ...current, print: outcome } : current));
    } catch (failure) {
      console.error('ticket not issued', failure);
      setError(true);
    } finally {
      setBusy(false);
    }
  };

  const printTicket = async (ticket: Ticket, service: ServiceDoc, office: OfficeDoc, ahead: number, wait: number, language: Language): Promise<PrintOutcome> => {
    const tr = translator(language);
    const lines = [tr('ticket.print.ahead', { count: ahead })];
    if (ahead > 0) lines.push(tr('ticket.print.wait', { minutes: wait }));
    if (ticket.priority) lines.push(tr('ticket.print.priority'));
    const result = await api.printer.printTicket({
      ticketId: ticket.id,
      language,
      office: office.name[language],
      service: service.name[language],
      number: ticket.number,
      issued: new Intl.DateTimeFormat(language, { timeZone: office.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(ticket.issuedAt),
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
    await raiseAlert(db, { id: newId(), kind: 'printer', code, ticketNumber, station: station.stationId }).catch((failure: unknown) => {
      console.error('alert not stored', failure);
    });
  };

  const readAloud = () => {
    const text = document.querySelector('main')?.querySelector('[data-read-aloud]')?.textContent ?? '';
    void speak({ text, lang: SPEECH_LANG[language] });
  };

  const waitingFor = (service: string) => tickets.filter((ticket) => ticket.state === 'waiting' && ticket.service === service).length;
  const printerProblem = printer && PRINTER_PROBLEMS.has(printer.status) ? printer.status : null;

  return (
    <main className="kiosk" lang={language}>
      <header className="kiosk-header">
        <p className="kiosk-office">{office?.name[language]}</p>
        <div className="kiosk-languages" role="group" aria-label={t('language.choose')}>
          {LANGUAGES.map((code) => (
            <button key={code} type="button" lang={code} className="kiosk-language" aria-pressed={language === code} onClick={() => onLanguage(code)}>
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
            <ul className="kiosk-services">
              {services.map((service) => (
                <li key={service.id}>
                  <button
                    type="button"
                    className="kiosk-service"
                    disabled={busy}
                    onClick={() => (service.allowsPriority ? setStep({ kind: 'priority', service }) : void take(service, null))}
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

        {step.kind === 'priority' && office && (
          <>
            <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
              {t('kiosk.priority.title')}
            </h1>
            <p className="kiosk-explain">{t('kiosk.priority.explain')}</p>
            <div className="kiosk-choices">
              <button type="button" className="kiosk-choice kiosk-choice-main" disabled={busy} onClick={() => void take(step.service, null)}>
                {t('kiosk.priority.none')}
              </button>
              {office.priorityReasons.map((reason) => (
                <button key={reason} type="button" className="kiosk-choice" disabled={busy} onClick={() => void take(step.service, reason)}>
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
            <p className="kiosk-ticket-line">{t('kiosk.ticket.ahead', { count: step.ahead })}</p>
            {step.ahead > 0 && <p className="kiosk-ticket-line">{t('kiosk.ticket.wait', { minutes: step.wait })}</p>}
            <p className={`kiosk-print kiosk-print-${step.print.state}`} role="status">
              {step.print.state === 'printing'
                ? t('kiosk.print.printing')
                : step.print.state === 'printed'
                  ? t('kiosk.print.done')
                  : step.print.state === 'no-printer'
                    ? t('kiosk.print.noPrinter', { number: step.ticket.number })
                    : t('kiosk.print.failed', { number: step.ticket.number, reason: t(printReason(step.print.code)) })}
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

const PRINT_REASONS = new Set<string>(['PRINTER_PAPER_OUT', 'PRINTER_COVER_OPEN', 'PRINTER_OFFLINE', 'PRINTER_ERROR', 'PRINT_UNCONFIRMED', 'PRINTER_NOT_CONFIGURED']);

export function printReason(code: string): MessageId {
  return PRINT_REASONS.has(code) ? (`print.reason.${code}` as MessageId) : 'print.reason.other';
}
