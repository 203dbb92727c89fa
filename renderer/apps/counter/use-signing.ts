/**
 * The acknowledgement dialog's state: which way the visitor signs (the pad, the screen, or
 * "cannot sign" with the clerk's note), what the pad or the screen gave, and what went wrong.
 */
import { useState, type FormEvent } from 'react';
import type { CapturedSignature } from '../../../electron/common/contract/devices';
import type { SignatureJson } from '../../app/signature/from-signature-pad';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n';
import type { Acknowledged } from './acknowledgement';

export type SigningStep = 'choose' | 'pad' | 'screen' | 'unable';

export interface Signing {
  readonly step: SigningStep;
  readonly setStep: (step: SigningStep) => void;
  readonly error: string | null;
  /** What the visitor drew on the screen so far; null while the field is empty. */
  readonly drawn: SignatureJson | null;
  readonly setDrawn: (drawn: SignatureJson | null) => void;
  readonly note: string;
  readonly setNote: (note: string) => void;
  /** A pad signature that ended early, for the clerk to accept or ask again. */
  readonly interrupted: CapturedSignature | null;
  readonly cancel: () => void;
  readonly signOnPad: () => Promise<void>;
  readonly signOnScreen: () => Promise<void>;
  readonly recordUnable: (event: FormEvent) => void;
}

export function useSigning(document: string, onCancel: () => void, onDone: (result: Acknowledged) => void): Signing {
  const t = useT();
  const { api } = useWorkstation();
  const [step, setStep] = useState<SigningStep>('choose');
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState<SignatureJson | null>(null);
  const [note, setNote] = useState('');
  const [interrupted, setInterrupted] = useState<CapturedSignature | null>(null);

  const cancel = () => {
    if (step === 'pad') void api.signature.cancel({});
    onCancel();
  };

  const signOnPad = async () => {
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

  const signOnScreen = async () => {
    if (!drawn) return;
    const result = await api.signature.fromScreen({
      document,
      signature: { ...drawn, strokes: drawn.strokes.map((stroke) => ({ samples: [...stroke.samples] })) },
    });
    if (!result.ok) setError(t(errorMessage(result.error.code, 'device')));
    else onDone({ kind: 'signed', document, signature: result.value });
  };

  const recordUnable = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setError(t('ack.unable.noteRequired'));
      return;
    }
    onDone({ kind: 'unable', document, note: note.trim(), at: new Date().toISOString() });
  };

  return {
    step,
    setStep,
    error,
    drawn,
    setDrawn,
    note,
    setNote,
    interrupted,
    cancel,
    signOnPad,
    signOnScreen,
    recordUnable,
  };
}
