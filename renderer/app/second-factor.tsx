/**
 * A supervisor's or admin's second factor on screen: the field for the six digits from the
 * authenticator app, the enrolment (a QR code the app scans, and the same secret in letters for
 * whoever types it in), and the recovery codes shown once after enrolment. The QR code is drawn
 * from `qrcode`'s module matrix as SVG elements, so no markup string is ever injected.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import QRCode from 'qrcode';
import type { ErrorCode } from '../../electron/common/contract/result';
import type { NewSecondFactor } from '../../electron/common/contract/session';
import { useT } from '../i18n/i18n';
import { useWorkstation } from './workstation';

/**
 * The sign-in form's second step for a supervisor or an admin: after the station answers that the
 * code is wanted (or an app must be enrolled first), the fields for it, and what the next attempt sends.
 */
export function useSecondFactorStep(login: string): {
  readonly request: { code?: string; enrolSecret?: string };
  readonly fields: ReactNode;
  readonly refused: (code: ErrorCode) => Promise<void>;
} {
  const { api } = useWorkstation();
  const [code, setCode] = useState<string | null>(null);
  const [enrolment, setEnrolment] = useState<NewSecondFactor | null>(null);
  const refused = async (failed: ErrorCode) => {
    if (failed === 'SECOND_FACTOR_ENROLMENT_REQUIRED' && !enrolment) {
      const fresh = await api.session.newSecondFactor({ login });
      if (fresh.ok) setEnrolment(fresh.value);
    }
    if (failed.startsWith('SECOND_FACTOR_')) setCode((current) => current ?? '');
    if (failed === 'BAD_SECOND_FACTOR') setCode('');
  };
  const request = { ...(code ? { code } : {}), ...(enrolment ? { enrolSecret: enrolment.secret } : {}) };
  const fields = (
    <>
      {enrolment && <Enrolment enrolment={enrolment} />}
      {code !== null && <CodeField id="session" value={code} onChange={setCode} />}
    </>
  );
  return { request, fields, refused };
}

export function CodeField({ id, value, onChange }: { id: string; value: string; onChange: (code: string) => void }) {
  const t = useT();
  const field = useRef<HTMLInputElement>(null);
  // The code is asked for after the password: the person's next move is to type it.
  useEffect(() => field.current?.focus(), []);
  return (
    <>
      <label htmlFor={`${id}-code`}>{t('secondFactor.code')}</label>
      <input
        id={`${id}-code`}
        ref={field}
        value={value}
        inputMode="text"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        aria-describedby={`${id}-code-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-code-hint`} className="hint">
        {t('secondFactor.code.hint')}
      </p>
    </>
  );
}

/** The QR code and the secret of a new enrolment, with what to do in words. */
export function Enrolment({ enrolment }: { enrolment: NewSecondFactor }) {
  const t = useT();
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(' ') ?? enrolment.secret;
  return (
    <section className="second-factor-enrolment" aria-labelledby="enrolment-title">
      <h2 id="enrolment-title">{t('secondFactor.enrol.title')}</h2>
      <p>{t('secondFactor.enrol.explain')}</p>
      <QrCode text={enrolment.uri} label={t('secondFactor.enrol.qr')} />
      <p>
        {t('secondFactor.enrol.secret')} <code className="second-factor-secret">{grouped}</code>
      </p>
    </section>
  );
}

function QrCode({ text, label }: { text: string; label: string }) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const cells: string[] = [];
    for (let row = 0; row < modules.size; row++)
      for (let column = 0; column < modules.size; column++)
        if (modules.get(row, column)) cells.push(`M${column + 4} ${row + 4}h1v1h-1z`);
    return { d: cells.join(''), size: modules.size + 8 };
  }, [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${path.size} ${path.size}`}
      shapeRendering="crispEdges"
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}

/** Shown once, right after enrolment: the codes that stand in for a lost phone. */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <main className="session-screen">
      <h1>{t('secondFactor.recovery.title')}</h1>
      <p>{t('secondFactor.recovery.explain', { count: codes.length })}</p>
      <ul className="recovery-codes" aria-label={t('secondFactor.recovery.title')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="session-actions">
        <button type="button" onClick={() => window.print()}>
          {t('secondFactor.recovery.print')}
        </button>
        <button type="button" className="primary" ref={button} onClick={onDone}>
          {t('secondFactor.recovery.done')}
        </button>
      </div>
    </main>
  );
}
