/**
 * An on-screen signature field for a touch screen or the visitor's display, the fallback every
 * counter has when there is no signature pad. Built on signature_pad; what it hands back is
 * the `Signature` JSON (`from-signature-pad.ts`), which the caller sends to the station
 * (`signature.fromScreen`): the station draws it and binds it to the acknowledged text.
 *
 * Someone who cannot sign has an explicit way out, not a blank field: "unable" is a choice of
 * its own, and the caller records who signs for them with a note (KPA art. 63 §3).
 *
 * Every word comes from the caller, already translated.
 */
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import SignaturePad from 'signature_pad';
import { fromSignaturePad, type SignatureJson } from './from-signature-pad';
import './signature.css';

/** What the field gives when the visitor says they cannot sign. */
export interface UnableToSign {
  readonly kind: 'unable';
}

export interface SignatureCanvasProps {
  /** The field's visible label and accessible name ("Podpis"). */
  readonly label: string;
  /** The clear button ("Wyczyść"). */
  readonly clearLabel: string;
  /** The button for someone who cannot sign ("Nie mogę się podpisać"). */
  readonly unableLabel: string;
  /** One line of instructions under the label ("Podpisz się palcem lub rysikiem w ramce"). */
  readonly hint?: string | undefined;
  /** The signature after every stroke, null once cleared. */
  readonly onChange: (signature: SignatureJson | null) => void;
  readonly onUnable: (choice: UnableToSign) => void;
  /** Samples per second written into the signature; signature_pad delivers about 60. */
  readonly rate?: number | undefined;
  readonly disabled?: boolean | undefined;
}

/**
 * signature_pad on the canvas: the bitmap follows the element's size, each stroke reports the
 * signature so far, and `disabled` stops the ink. Returns whether the field is empty and how to
 * clear it.
 */
function useSignaturePad(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  onChange: (signature: SignatureJson | null) => void,
  rate: number | undefined,
  disabled: boolean,
): { empty: boolean; clear: () => void } {
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { penColor: '#000000', minWidth: 1, maxWidth: 3.5 });
    padRef.current = pad;

    const report = (): void => {
      const signature = fromSignaturePad(pad.toData(), {
        width: canvas.offsetWidth,
        height: canvas.offsetHeight,
        rate,
      });
      setEmpty(signature === null);
      onChangeRef.current(signature);
    };
    // The bitmap follows the element's size and the screen's pixel ratio, or the ink is blurred
    // and lands away from the finger; the strokes are kept across a resize.
    const fit = (): void => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const strokes = pad.toData();
      canvas.width = Math.round(canvas.offsetWidth * ratio);
      canvas.height = Math.round(canvas.offsetHeight * ratio);
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      if (strokes.length > 0) pad.fromData(strokes);
    };

    fit();
    pad.addEventListener('endStroke', report);
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', report);
      pad.off();
      padRef.current = null;
    };
  }, [canvasRef, rate]);

  useEffect(() => {
    const pad = padRef.current;
    if (!pad) return;
    if (disabled) pad.off();
    else pad.on();
  }, [disabled]);

  const clear = (): void => {
    padRef.current?.clear();
    setEmpty(true);
    onChangeRef.current(null);
  };

  return { empty, clear };
}

export function SignatureCanvas({
  label,
  clearLabel,
  unableLabel,
  hint,
  onChange,
  onUnable,
  rate,
  disabled = false,
}: SignatureCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { empty, clear } = useSignaturePad(canvasRef, onChange, rate, disabled);
  const labelId = useId();
  const hintId = useId();

  return (
    <div
      className="signature-field"
      role="group"
      aria-labelledby={labelId}
      aria-describedby={hint ? hintId : undefined}
    >
      <p className="signature-label" id={labelId}>
        {label}
      </p>
      {hint ? (
        <p className="signature-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {/* A pointer-only surface: assistive technology meets the named group, the hint and the two
          buttons instead, and "unable" is the way for anyone who cannot draw here. */}
      <canvas
        ref={canvasRef}
        className="signature-canvas"
        aria-hidden="true"
        data-empty={empty ? 'true' : 'false'}
        data-disabled={disabled ? 'true' : 'false'}
      />
      <div className="signature-actions">
        <button type="button" className="signature-clear" onClick={clear} disabled={disabled || empty}>
          {clearLabel}
        </button>
        <button
          type="button"
          className="signature-unable"
          onClick={() => onUnable({ kind: 'unable' })}
          disabled={disabled}
        >
          {unableLabel}
        </button>
      </div>
    </div>
  );
}
