/** The code of a booked visit, typed on the screen's keypad or a keyboard. */
import { useState, type FormEvent, type RefObject } from 'react';
import { CODE_LENGTH, type CheckInRefusal } from '../../../electron/common/domain/appointment';
import { CheckInError } from '../../db/queue';
import { useT, type MessageId } from '../../i18n/i18n';

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export function AppointmentStep({
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
        <Keypad code={code} onCode={setCode} />
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

/** Ten digits and a delete key, for a touch screen without a keyboard. */
function Keypad({ code, onCode }: { code: string; onCode: (code: string) => void }) {
  const t = useT();
  return (
    <div className="kiosk-keypad">
      {KEYPAD.map((digit) => (
        <button key={digit} type="button" disabled={code.length >= CODE_LENGTH} onClick={() => onCode(code + digit)}>
          {digit}
        </button>
      ))}
      <button
        type="button"
        aria-label={t('kiosk.appointment.delete')}
        disabled={code.length === 0}
        onClick={() => onCode(code.slice(0, -1))}
      >
        ⌫
      </button>
    </div>
  );
}
