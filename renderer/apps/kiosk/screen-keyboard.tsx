/**
 * Keys on the screen, for a touch kiosk with no keyboard: digits for a phone number and, when
 * e-mail is on, the letters and marks an address needs. Each key adds its character at the end
 * (as the appointment step's keypad does). The keys are not Tab stops: whoever has a keyboard
 * types in the field, and Tab goes from the field straight to the consent. The kiosk's "read
 * aloud" skips them (`data-read-aloud-skip`).
 */
import { useT } from '../../i18n/i18n';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const LETTERS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'].map((row) => [...row]);
const MARKS = ['@', '.', '-', '_', '+'];

export function ScreenKeyboard({
  letters,
  value,
  max,
  onValue,
}: {
  /** Letters and marks too (e-mail), or digits only (a phone number). */
  letters: boolean;
  value: string;
  max: number;
  onValue: (value: string) => void;
}) {
  const t = useT();
  const rows = letters ? [DIGITS, ...LETTERS, MARKS] : [DIGITS.slice(0, 9), ['+', '0', ' ']];
  const key = (char: string) => (
    <button
      key={char}
      type="button"
      tabIndex={-1}
      disabled={value.length >= max}
      aria-label={char === ' ' ? t('turnNear.keys.space') : undefined}
      onClick={() => onValue(value + char)}
    >
      {char === ' ' ? '␣' : char}
    </button>
  );
  return (
    <div className="kiosk-screen-keys" role="group" aria-label={t('turnNear.keys.label')} data-read-aloud-skip>
      {rows.map((row) => (
        <div key={row.join('')} className="kiosk-screen-keys-row">
          {row.map(key)}
        </div>
      ))}
      <div className="kiosk-screen-keys-row">
        <button
          type="button"
          tabIndex={-1}
          className="kiosk-screen-keys-wide"
          disabled={value.length === 0}
          onClick={() => onValue(value.slice(0, -1))}
        >
          {t('turnNear.keys.delete')}
        </button>
      </div>
    </div>
  );
}
