/**
 * The visitor's signed acknowledgement at the end of a matter ("I received my ID card"): signed
 * on the counter's pad, on the screen when there is no pad, or recorded as "cannot sign" with
 * the clerk's note (KPA art. 63 §3: the clerk notes why and who signs instead).
 *
 * The station draws the signature and binds it to the exact text signed (a digest over the
 * strokes and the text); the screen only ever sees the drawing and the digest, never the pen's
 * dynamics, and keeps them for this visit only.
 */
import { useEffect, useRef, useState } from 'react';
import type { CapturedSignature } from '../../../electron/common/contract/devices';
import type { ServiceDoc } from '../../db/schemas';
import type { Ticket } from '../../../electron/common/domain/ticket';
import { useT } from '../../i18n/i18n';
import { ChooseStep, PadStep, ScreenStep, UnableStep } from './acknowledgement-steps';
import { SignatureImage } from './signature-image';
import { useSigning } from './use-signing';
import type { Visitor } from './visitor-panel';

export type Acknowledged =
  | { readonly kind: 'signed'; readonly document: string; readonly signature: CapturedSignature }
  | { readonly kind: 'unable'; readonly document: string; readonly note: string; readonly at: string };

/** The text the visitor signs: the service's statement, the matter, the ticket, the day and who. */
export function acknowledgementDocument(
  statement: string,
  service: string,
  ticket: string,
  date: string,
  visitor: Visitor | null,
): string {
  const name = visitor ? [visitor.values.givenNames, visitor.values.surname].filter(Boolean).join(' ') : '';
  return [
    statement,
    `Sprawa: ${service}`,
    `Bilet: ${ticket}`,
    `Data: ${date}`,
    ...(name ? [`Klient: ${name}`] : []),
  ].join('\n');
}

export function Acknowledgement({
  ticket,
  service,
  today,
  visitor,
  acknowledged,
  onAcknowledged,
}: {
  ticket: Ticket;
  service: ServiceDoc | undefined;
  today: string;
  visitor: Visitor | null;
  acknowledged: Acknowledged | null;
  onAcknowledged: (acknowledged: Acknowledged | null) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (!service?.acknowledgement) return null;
  const document = acknowledgementDocument(service.acknowledgement.pl, service.name.pl, ticket.number, today, visitor);

  return (
    <section className="acknowledgement" aria-labelledby="acknowledgement-title">
      <h2 id="acknowledgement-title">{t('ack.title')}</h2>
      <p className="acknowledgement-statement">{service.acknowledgement.pl}</p>
      {acknowledged ? <AcknowledgedView acknowledged={acknowledged} /> : <p className="hint">{t('ack.notYet')}</p>}
      <button type="button" onClick={() => setOpen(true)}>
        {acknowledged ? t('ack.again') : t('ack.start')}
      </button>
      {open && (
        <AcknowledgementDialog
          document={document}
          onCancel={() => setOpen(false)}
          onDone={(result) => {
            setOpen(false);
            onAcknowledged(result);
          }}
        />
      )}
    </section>
  );
}

function AcknowledgedView({ acknowledged }: { acknowledged: Acknowledged }) {
  const t = useT();
  if (acknowledged.kind === 'unable') {
    return (
      <p className="acknowledgement-result" role="status">
        {t('ack.unable.recorded', { note: acknowledged.note })}
      </p>
    );
  }
  const { signature } = acknowledged;
  const time = new Intl.DateTimeFormat('pl-PL', { hour: '2-digit', minute: '2-digit' }).format(
    new Date(signature.capturedAt),
  );
  return (
    <div className="acknowledgement-result" role="status">
      <SignatureImage svg={signature.svg} label={t('ack.signatureOf')} />
      <p>
        {t(signature.source === 'pad' ? 'ack.signed.pad' : 'ack.signed.screen', { time })}{' '}
        {t('ack.digest', { digest: signature.digest.slice(0, 12) })}
      </p>
      {signature.interrupted && <p className="visitor-error">{t('ack.interrupted')}</p>}
    </div>
  );
}

function AcknowledgementDialog({
  document,
  onCancel,
  onDone,
}: {
  document: string;
  onCancel: () => void;
  onDone: (result: Acknowledged) => void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const signing = useSigning(document, onCancel, onDone);

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog acknowledgement-dialog"
      aria-labelledby="ack-dialog-title"
      onCancel={signing.cancel}
    >
      <h2 id="ack-dialog-title">{t('ack.dialog.title')}</h2>
      <pre className="acknowledgement-document">{document}</pre>
      {signing.error && (
        <p className="visitor-error" role="alert">
          {signing.error}
        </p>
      )}
      {signing.step === 'choose' && <ChooseStep signing={signing} document={document} onDone={onDone} />}
      {signing.step === 'pad' && <PadStep signing={signing} />}
      {signing.step === 'screen' && <ScreenStep signing={signing} />}
      {signing.step === 'unable' && <UnableStep signing={signing} />}
    </dialog>
  );
}
