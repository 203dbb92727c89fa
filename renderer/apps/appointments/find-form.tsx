/** The six-digit code a caller reads out, to find their booking; spaces and dashes do not matter. */
import { useId, useState, type FormEvent } from 'react';
import { normaliseCode } from '../../../electron/common/domain/appointment';
import { useT } from '../../i18n/i18n';
import { TextField } from '../booking/details-page';

export function FindForm({ initial = '', onFind }: { initial?: string; onFind: (code: string) => void }) {
  const t = useT();
  const id = useId();
  const [typed, setTyped] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = normaliseCode(typed);
    setInvalid(code === null);
    if (code) onFind(code);
    else document.getElementById(`${id}-code`)?.focus();
  };
  return (
    <form className="booking-form" noValidate onSubmit={submit}>
      <TextField
        id={`${id}-code`}
        label={t('appointments.find.code')}
        hint={t('appointments.find.hint')}
        value={typed}
        error={invalid ? 'appointments.find.invalid' : undefined}
        onChange={setTyped}
        autoComplete="off"
      />
      <button type="submit" className="booking-submit">
        {t('appointments.find.submit')}
      </button>
    </form>
  );
}
