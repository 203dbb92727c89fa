/**
 * The visitor's signed acknowledgement at the end of a matter ("I received my ID card"): signed
 * on the counter's pad, on the screen when there is no pad, or recorded as "cannot sign" with
 * the clerk's note (KPA art. 63 §3: the clerk notes why and who signs instead).
 *
 * The station draws the signature and binds it to the exact text signed (a digest over the
 * strokes and the text); the screen only ever sees the drawing and the digest, never the pen's
 * dynamics, and keeps them for this visit only.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CapturedSignature } from '../../../electron/common/contract/devices';
import { useWorkstation } from '../../app/workstation';
import { SignatureCanvas } from '../../app/signature/signature-canvas';
import type { SignatureJson } from '../../app/signature/from-signature-pad';
import type { ServiceDoc } from '../../db/schemas';
import type { Ticket } from '../../../electron/common/domain/ticket';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n';
import { SignatureImage } from './signature-image';
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

type Step = 'choose' | 'pad' | 'screen' | 'unable';

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
  const { api } = useWorkstation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<Step>('choose');
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState<SignatureJson | null>(null);
  const [note, setNote] = useState('');
  const [interrupted, setInterrupted] = useState<CapturedSignature | null>(null);

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  const cancel = () => {
    if (step === 'pad') void api.signature.cancel({});
    onCancel();
  };

  const onPad = async () => {
    setStep('pad');
    setError(null);
    setInterrupted(null);
    const result = await api.signature.capture({ document });
    if (!result.ok) {
      setStep('choose');
      setError(t(errorMessage(result.error.code, 'device')));
      return;
    }
    // A pen lifted off the pad or a cable pulled mid-stroke: show it and ask again; the clerk may
    // still accept it (a signature that ends a little early is still the visitor's).
    if (result.value.interrupted) {
      setStep('choose');
      setInterrupted(result.value);
      return;
    }
    onDone({ kind: 'signed', document, signature: result.value });
  };

  const onScreen = async () => {
    if (!drawn) return;
    const result = await api.signature.fromScreen({
      document,
      signature: { ...drawn, strokes: drawn.strokes.map((stroke) => ({ samples: [...stroke.samples] })) },
    });
    if (!result.ok) setError(t(errorMessage(result.error.code, 'device')));
    else onDone({ kind: 'signed', document, signature: result.value });
  };

  const onUnable = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setError(t('ack.unable.noteRequired'));
      return;
    }
    onDone({ kind: 'unable', document, note: note.trim(), at: new Date().toISOString() });
  };

  return (
    <dialog ref={dialog} className="dialog acknowledgement-dialog" aria-labelledby="ack-dialog-title" onCancel={cancel}>
      <h2 id="ack-dialog-title">{t('ack.dialog.title')}</h2>
      <pre className="acknowledgement-document">{document}</pre>
      {error && (
        <p className="visitor-error" role="alert">
          {error}
        </p>
      )}
      {step === 'choose' && (
        <>
          {interrupted && (
            <div className="acknowledgement-result">
              <SignatureImage svg={interrupted.svg} label={t('ack.signatureOf')} />
              <p className="visitor-error" role="alert">
                {t('ack.interrupted')}
              </p>
              <button type="button" onClick={() => onDone({ kind: 'signed', document, signature: interrupted })}>
                {t('ack.acceptInterrupted')}
              </button>
            </div>
          )}
          <div className="dialog-actions acknowledgement-choices">
            <button type="button" className="primary" onClick={() => void onPad()}>
              {interrupted ? t('ack.padAgain') : t('ack.pad')}
            </button>
            <button type="button" onClick={() => setStep('screen')}>
              {t('ack.screen')}
            </button>
            <button type="button" onClick={() => setStep('unable')}>
              {t('ack.unable')}
            </button>
            <button type="button" onClick={cancel}>
              {t('counter.transfer.cancel')}
            </button>
          </div>
        </>
      )}
      {step === 'pad' && (
        <>
          <p role="status" aria-live="polite">
            {t('ack.pad.waiting')}
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={cancel}>
              {t('ack.pad.stop')}
            </button>
          </div>
        </>
      )}
      {step === 'screen' && (
        <>
          <SignatureCanvas
            label={t('ack.screen.label')}
            hint={t('ack.screen.hint')}
            clearLabel={t('ack.screen.clear')}
            unableLabel={t('ack.unable')}
            onChange={setDrawn}
            onUnable={() => setStep('unable')}
          />
          <div className="dialog-actions">
            <button type="button" onClick={() => setStep('choose')}>
              {t('ack.back')}
            </button>
            <button type="button" className="primary" disabled={!drawn} onClick={() => void onScreen()}>
              {t('ack.screen.confirm')}
            </button>
          </div>
        </>
      )}
      {step === 'unable' && (
        <form onSubmit={onUnable}>
          <label htmlFor="ack-unable-note">{t('ack.unable.note')}</label>
          <textarea
            id="ack-unable-note"
            value={note}
            rows={3}
            aria-describedby="ack-unable-hint"
            onChange={(event) => setNote(event.target.value)}
          />
          <p id="ack-unable-hint" className="hint">
            {t('ack.unable.hint')}
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setStep('choose')}>
              {t('ack.back')}
            </button>
            <button type="submit" className="primary">
              {t('ack.unable.confirm')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
