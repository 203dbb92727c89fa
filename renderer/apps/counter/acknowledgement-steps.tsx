/** The acknowledgement dialog's steps: choose how to sign, wait for the pad, draw on the screen, or record "cannot sign". */
import { SignatureCanvas } from '../../app/signature/signature-canvas';
import { useT } from '../../i18n/i18n';
import type { Acknowledged } from './acknowledgement';
import { SignatureImage } from './signature-image';
import type { Signing } from './use-signing';

export function ChooseStep({
  signing,
  document,
  onDone,
}: {
  signing: Signing;
  document: string;
  onDone: (result: Acknowledged) => void;
}) {
  const t = useT();
  const { interrupted } = signing;
  return (
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
        <button type="button" className="primary" onClick={() => void signing.signOnPad()}>
          {interrupted ? t('ack.padAgain') : t('ack.pad')}
        </button>
        <button type="button" onClick={() => signing.setStep('screen')}>
          {t('ack.screen')}
        </button>
        <button type="button" onClick={() => signing.setStep('unable')}>
          {t('ack.unable')}
        </button>
        <button type="button" onClick={signing.cancel}>
          {t('counter.transfer.cancel')}
        </button>
      </div>
    </>
  );
}

export function PadStep({ signing }: { signing: Signing }) {
  const t = useT();
  return (
    <>
      <p role="status" aria-live="polite">
        {t('ack.pad.waiting')}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={signing.cancel}>
          {t('ack.pad.stop')}
        </button>
      </div>
    </>
  );
}

export function ScreenStep({ signing }: { signing: Signing }) {
  const t = useT();
  return (
    <>
      <SignatureCanvas
        label={t('ack.screen.label')}
        hint={t('ack.screen.hint')}
        clearLabel={t('ack.screen.clear')}
        unableLabel={t('ack.unable')}
        onChange={signing.setDrawn}
        onUnable={() => signing.setStep('unable')}
      />
      <div className="dialog-actions">
        <button type="button" onClick={() => signing.setStep('choose')}>
          {t('ack.back')}
        </button>
        <button type="button" className="primary" disabled={!signing.drawn} onClick={() => void signing.signOnScreen()}>
          {t('ack.screen.confirm')}
        </button>
      </div>
    </>
  );
}

export function UnableStep({ signing }: { signing: Signing }) {
  const t = useT();
  return (
    <form onSubmit={signing.recordUnable}>
      <label htmlFor="ack-unable-note">{t('ack.unable.note')}</label>
      <textarea
        id="ack-unable-note"
        value={signing.note}
        rows={3}
        aria-describedby="ack-unable-hint"
        onChange={(event) => signing.setNote(event.target.value)}
      />
      <p id="ack-unable-hint" className="hint">
        {t('ack.unable.hint')}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => signing.setStep('choose')}>
          {t('ack.back')}
        </button>
        <button type="submit" className="primary">
          {t('ack.unable.confirm')}
        </button>
      </div>
    </form>
  );
}
