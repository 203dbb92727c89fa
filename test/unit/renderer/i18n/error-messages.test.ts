import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../electron/common/contract/result';
import { ERROR_MESSAGES, errorMessage } from '../../../../renderer/i18n/error-messages';
import { pl } from '../../../../renderer/i18n/messages/pl';

/** The codes that have words of their own when a ticket did not print; any other gets the general reason. */
const PRINT_REASONS = [
  'PRINTER_PAPER_OUT',
  'PRINTER_COVER_OPEN',
  'PRINTER_OFFLINE',
  'PRINTER_ERROR',
  'PRINT_UNCONFIRMED',
  'PRINTER_NOT_CONFIGURED',
];

/** The codes that have a sentence of their own under a device action; any other gets the general one. */
const DEVICE_ERRORS = [
  'DEVICE_NOT_CONFIGURED',
  'DEVICE_DISCONNECTED',
  'DEVICE_BUSY',
  'SIGNATURE_CANCELLED',
  'SIGNATURE_EMPTY',
  'TIMEOUT',
  ...PRINT_REASONS,
  'PRINT_JOB_GONE',
];

/** A refusal at a door (electron/common/access) says what to do: sign in, confirm, ask someone. */
const ACCESS_ERRORS = [
  'FORBIDDEN',
  'NOT_SIGNED_IN',
  'REAUTH_REQUIRED',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'PASSWORD_CHANGE_REQUIRED',
  'WEAK_PASSWORD',
  'TOO_MANY_ATTEMPTS',
  'OFFLINE_SIGN_IN_UNAVAILABLE',
  'WORKSTATION_IN_USE',
  'WORKSTATION_NOT_ENROLLED',
  'SECOND_FACTOR_REQUIRED',
  'SECOND_FACTOR_ENROLMENT_REQUIRED',
  'BAD_SECOND_FACTOR',
  'DIRECTORY_UNAVAILABLE',
];

describe('error messages', () => {
  it.each(ERROR_CODES)('%s has words in both contexts', (code) => {
    expect(errorMessage(code, 'print')).toBe(
      PRINT_REASONS.includes(code) ? `print.reason.${code}` : 'print.reason.other',
    );
    const device = DEVICE_ERRORS.includes(code) ? `devices.error.${code}` : 'devices.error.other';
    expect(errorMessage(code, 'device')).toBe(ACCESS_ERRORS.includes(code) ? `access.error.${code}` : device);
  });

  it('every message named exists', () => {
    for (const wording of Object.values(ERROR_MESSAGES))
      for (const id of Object.values(wording)) expect(pl[id], id).toBeTruthy();
  });

  it('a code the contract does not know gets the general words', () => {
    expect(errorMessage('paper-near-end', 'print')).toBe('print.reason.other');
    expect(errorMessage('NO_SUCH_CODE', 'device')).toBe('devices.error.other');
  });
});
