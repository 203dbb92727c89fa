/**
 * "Your turn is near" at the kiosk, after the ticket is issued and shown (and printing): on the
 * ticket's screen the question, only when the office hub answers and sends on some channel
 * (offline the kiosk promises nothing it cannot keep); "Yes" opens this step — one large field
 * for a Polish mobile number or an e-mail address, a consent to tick, "No, thank you" always
 * there. Nothing is kept here: the number or address goes to the hub alone, never into the
 * replicated ticket (contract/hub-turn-near.ts), and is forgotten by this screen when it leaves.
 * A visitor who does nothing for a while is taken back to the start, as "No, thank you".
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import {
  MAX_EMAIL_LENGTH,
  recipientFor,
  type TurnNearChannel,
  type TurnNearOffer,
} from '../../../electron/common/contract/hub-turn-near';
import type { Language } from '../../../electron/common/domain/office';
import { useWorkstation } from '../../app/workstation';
import type { OfficeDoc } from '../../db/schemas';
import { useT, type MessageId } from '../../i18n/i18n';
import { TicketStep } from './kiosk-steps';
import { ScreenKeyboard } from './screen-keyboard';
import type { IssuedTicket } from './print-ticket';
import { turnNearClient, type TurnNearClient } from './turn-near-client';
import type { Step } from './use-kiosk-steps';
import './contact.css';

/** Back to the start after this long without a keystroke: nothing is sent. */
const CONTACT_IDLE_MS = 60_000;
/** The confirmation stays this long (the next visitor should not find it). */
const DONE_SCREEN_MS = 10_000;

function useTurnNearClient(): TurnNearClient {
  const { api, station } = useWorkstation();
  return useMemo(
    () =>
      turnNearClient(async () => {
        const connection = await api.hub.connection({});
        return connection.ok ? connection.value : null;
      }, station.version),
    [api, station.version],
  );
}

/** What the hub can send for the ticket on screen; null while unknown, offline, or when it sends nothing. */
export function useTurnNearOffer(ticketId: string | null): TurnNearOffer | null {
  const client = useTurnNearClient();
  const [offer, setOffer] = useState<{ ticketId: string; offer: TurnNearOffer } | null>(null);
  useEffect(() => {
    if (!ticketId) return;
    let live = true;
    void client.offer().then((answer) => {
      if (live && answer) setOffer({ ticketId, offer: answer });
    });
    return () => {
      live = false;
    };
  }, [client, ticketId]);
  return offer && offer.ticketId === ticketId ? offer.offer : null;
}

/** The ticket just issued, with the question when the hub sends; or, after "Yes", this step. */
export function IssuedSteps({
  heading,
  step,
  office,
  language,
  go,
  onDone,
}: {
  heading: RefObject<HTMLHeadingElement | null>;
  step: Extract<Step, { kind: 'ticket' | 'contact' }>;
  office: OfficeDoc | null;
  language: Language;
  go: (step: Step) => void;
  onDone: () => void;
}) {
  const offer = useTurnNearOffer(step.kind === 'ticket' ? step.ticket.id : null);
  if (step.kind === 'contact') {
    return (
      <ContactStep heading={heading} issued={step.issued} offer={step.offer} language={language} onDone={onDone} />
    );
  }
  const issued: IssuedTicket = { ticket: step.ticket, service: step.service, ahead: step.ahead, wait: step.wait };
  return (
    <TicketStep heading={heading} step={step} office={office} language={language} onDone={onDone}>
      {offer && <TurnNearQuestion offer={offer} onYes={() => go({ kind: 'contact', issued, offer })} />}
    </TicketStep>
  );
}

/** The channels' suffix for the words that differ by what the hub sends: both, SMS only, e-mail only. */
function variant(offer: TurnNearOffer): '' | 'Sms' | 'Email' {
  if (offer.sms && offer.email) return '';
  return offer.sms ? 'Sms' : 'Email';
}

/** On the ticket's screen: the question and its two answers. */
export function TurnNearQuestion({ offer, onYes }: { offer: TurnNearOffer; onYes: () => void }) {
  const t = useT();
  const [declined, setDeclined] = useState(false);
  if (declined) return null;
  return (
    <section className="kiosk-turn-near" aria-labelledby="turn-near-question">
      <h2 id="turn-near-question">{t(`turnNear.offer.title${variant(offer)}` as MessageId)}</h2>
      <p>{t('turnNear.offer.when', { count: offer.ahead })}</p>
      <div className="kiosk-turn-near-answers">
        <button type="button" className="kiosk-choice kiosk-choice-main" onClick={onYes}>
          {t('turnNear.offer.yes')}
        </button>
        <button type="button" className="kiosk-choice" onClick={() => setDeclined(true)}>
          {t('turnNear.no')}
        </button>
      </div>
    </section>
  );
}

type Problem = 'recipient' | 'consent' | 'failed' | 'notWaiting';

/** The channel of what was typed: the only one the hub sends on, or e-mail when it holds an @. */
function channelOf(offer: TurnNearOffer, typed: string): TurnNearChannel {
  if (!offer.email) return 'sms';
  if (!offer.sms) return 'email';
  return typed.includes('@') ? 'email' : 'sms';
}

export interface ContactStepProps {
  readonly heading: RefObject<HTMLHeadingElement | null>;
  readonly issued: IssuedTicket;
  readonly offer: TurnNearOffer;
  readonly language: Language;
  /** Back to the start: declined, done, or left alone. */
  readonly onDone: () => void;
}

export function ContactStep({ heading, issued, offer, language, onDone }: ContactStepProps) {
  const t = useT();
  const client = useTurnNearClient();
  const [typed, setTyped] = useState('');
  const [consent, setConsent] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<{ channel: TurnNearChannel; recipient: string } | null>(null);
  const field = useRef<HTMLInputElement>(null);

  // Left alone (no keystroke, no tick) for a while: "No, thank you". The confirmation goes by itself too.
  useEffect(() => {
    const timer = setTimeout(onDone, sent ? DONE_SCREEN_MS : CONTACT_IDLE_MS);
    return () => clearTimeout(timer);
  }, [typed, consent, problem, sent, onDone]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const channel = channelOf(offer, typed);
    const recipient = recipientFor(channel, typed);
    if (recipient === null) {
      setProblem('recipient');
      field.current?.focus();
      return;
    }
    if (!consent) {
      setProblem('consent');
      return;
    }
    setProblem(null);
    setSending(true);
    const outcome = await client.register({ ticket: issued.ticket.id, channel, recipient, language, consent: true });
    setSending(false);
    if (outcome === 'accepted') setSent({ channel, recipient });
    else setProblem(outcome === 'not-waiting' ? 'notWaiting' : 'failed');
  };

  if (sent) return <ContactDone heading={heading} sent={sent} onDone={onDone} />;
  return (
    <>
      <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
        {t('turnNear.form.title')}
      </h1>
      <p className="kiosk-ticket-line">{t('turnNear.form.ticket', { number: issued.ticket.number })}</p>
      <p className="kiosk-explain">{t('turnNear.offer.when', { count: offer.ahead })}</p>
      <form className="kiosk-turn-near-form" noValidate onSubmit={(event) => void submit(event)}>
        <ContactFields
          offer={offer}
          field={field}
          typed={typed}
          consent={consent}
          problem={problem}
          onTyped={setTyped}
          onConsent={setConsent}
        />
        {problem && (
          <p id="turn-near-problem" className="kiosk-error" role="alert">
            {t(problemText(problem, variant(offer)))}
          </p>
        )}
        <div className="kiosk-turn-near-answers">
          <button type="submit" className="kiosk-choice kiosk-choice-main" disabled={sending}>
            {t(sending ? 'turnNear.form.sending' : 'turnNear.form.send')}
          </button>
          <button type="button" className="kiosk-choice" onClick={onDone}>
            {t('turnNear.no')}
          </button>
        </div>
      </form>
    </>
  );
}

/** The field for the number or address, and the consent; a problem named by the alert below them. */
function ContactFields({
  offer,
  field,
  typed,
  consent,
  problem,
  onTyped,
  onConsent,
}: {
  offer: TurnNearOffer;
  field: RefObject<HTMLInputElement | null>;
  typed: string;
  consent: boolean;
  problem: Problem | null;
  onTyped: (typed: string) => void;
  onConsent: (consent: boolean) => void;
}) {
  const t = useT();
  const which = variant(offer);
  return (
    <>
      <label htmlFor="turn-near-recipient">{t(`turnNear.form.field${which}` as MessageId)}</label>
      <p id="turn-near-hint" className="kiosk-turn-near-hint">
        {t(`turnNear.form.hint${which}` as MessageId)}
      </p>
      <input
        id="turn-near-recipient"
        ref={field}
        className="kiosk-turn-near-field"
        type={offer.sms ? 'text' : 'email'}
        inputMode={offer.email ? 'email' : 'tel'}
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_EMAIL_LENGTH}
        value={typed}
        aria-invalid={problem === 'recipient'}
        aria-describedby={problem === 'recipient' ? 'turn-near-hint turn-near-problem' : 'turn-near-hint'}
        onChange={(event) => onTyped(event.target.value)}
      />
      <ScreenKeyboard letters={offer.email} value={typed} max={MAX_EMAIL_LENGTH} onValue={onTyped} />
      <label className="kiosk-turn-near-consent">
        <input
          type="checkbox"
          checked={consent}
          aria-invalid={problem === 'consent'}
          aria-describedby={problem === 'consent' ? 'turn-near-problem' : undefined}
          onChange={(event) => onConsent(event.target.checked)}
        />
        <span>{t('turnNear.form.consent')}</span>
      </label>
    </>
  );
}

function problemText(problem: Problem, which: '' | 'Sms' | 'Email'): MessageId {
  if (problem === 'recipient') return `turnNear.error.recipient${which}` as MessageId;
  return `turnNear.error.${problem}` as MessageId;
}

/** An address as the screen shows it to whoever stands there: its first letter and its domain. */
function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}…${address.slice(at)}`;
}

/** Said once the hub took it: where the message goes, masked (a number by its end, an address by its domain). */
function ContactDone({
  heading,
  sent,
  onDone,
}: {
  heading: RefObject<HTMLHeadingElement | null>;
  sent: { channel: TurnNearChannel; recipient: string };
  onDone: () => void;
}) {
  const t = useT();
  useEffect(() => heading.current?.focus(), [heading]);
  return (
    <>
      <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
        {t('turnNear.done.title')}
      </h1>
      <p className="kiosk-ticket-line" role="status">
        {sent.channel === 'sms'
          ? t('turnNear.done.sms', { end: sent.recipient.slice(-3) })
          : t('turnNear.done.email', { address: maskedAddress(sent.recipient) })}
      </p>
      <p className="kiosk-ticket-line">{t('turnNear.done.forget')}</p>
      <button type="button" className="kiosk-choice kiosk-choice-main" onClick={onDone}>
        {t('kiosk.done')}
      </button>
    </>
  );
}
