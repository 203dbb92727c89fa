/**
 * The words for every failure the station reports (the contract's `ErrorCode`). A failure is told
 * in one of two places, and the two read differently:
 *
 * - `print`: why a ticket did not print, a phrase inside a sentence ("bilet A12 nie został
 *   wydrukowany — w drukarce skończył się papier") on the kiosk and in the supervisor's alerts;
 * - `device`: a sentence of its own under a device action (a test on the device screen, a
 *   signature on the pad, a reprint).
 *
 * The map is keyed by every code, so a new code fails the type check until it has words here.
 */
import { isErrorCode, type ErrorCode } from '../../electron/common/contract/result';
import type { MessageId } from './messages/pl';

export type ErrorContext = 'print' | 'device';

type Wording = Readonly<Record<ErrorContext, MessageId>>;

/** What is said when nothing more precise fits. */
const OTHER: Wording = { print: 'print.reason.other', device: 'devices.error.other' };

/**
 * A failure of the printer itself is named in both contexts; a failure of another device, or of a
 * reprint, only under a device action (a ticket that did not print for it gets the general reason).
 */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, Wording>> = {
  UNKNOWN_CHANNEL: OTHER,
  BAD_REQUEST: OTHER,
  FORBIDDEN: { print: OTHER.print, device: 'access.error.FORBIDDEN' },
  NOT_SIGNED_IN: { print: OTHER.print, device: 'access.error.NOT_SIGNED_IN' },
  REAUTH_REQUIRED: { print: OTHER.print, device: 'access.error.REAUTH_REQUIRED' },
  BAD_CREDENTIALS: { print: OTHER.print, device: 'access.error.BAD_CREDENTIALS' },
  ACCOUNT_LOCKED: { print: OTHER.print, device: 'access.error.ACCOUNT_LOCKED' },
  ACCOUNT_DISABLED: { print: OTHER.print, device: 'access.error.ACCOUNT_DISABLED' },
  PASSWORD_CHANGE_REQUIRED: { print: OTHER.print, device: 'access.error.PASSWORD_CHANGE_REQUIRED' },
  WEAK_PASSWORD: { print: OTHER.print, device: 'access.error.WEAK_PASSWORD' },
  TOO_MANY_ATTEMPTS: { print: OTHER.print, device: 'access.error.TOO_MANY_ATTEMPTS' },
  SECOND_FACTOR_REQUIRED: { print: OTHER.print, device: 'access.error.SECOND_FACTOR_REQUIRED' },
  SECOND_FACTOR_ENROLMENT_REQUIRED: { print: OTHER.print, device: 'access.error.SECOND_FACTOR_ENROLMENT_REQUIRED' },
  BAD_SECOND_FACTOR: { print: OTHER.print, device: 'access.error.BAD_SECOND_FACTOR' },
  DIRECTORY_UNAVAILABLE: { print: OTHER.print, device: 'access.error.DIRECTORY_UNAVAILABLE' },
  OFFLINE_SIGN_IN_UNAVAILABLE: { print: OTHER.print, device: 'access.error.OFFLINE_SIGN_IN_UNAVAILABLE' },
  WORKSTATION_IN_USE: { print: OTHER.print, device: 'access.error.WORKSTATION_IN_USE' },
  WORKSTATION_NOT_ENROLLED: { print: OTHER.print, device: 'access.error.WORKSTATION_NOT_ENROLLED' },
  TIMEOUT: { print: OTHER.print, device: 'devices.error.TIMEOUT' },
  DISCONNECTED: OTHER,
  PRINTER_NOT_CONFIGURED: {
    print: 'print.reason.PRINTER_NOT_CONFIGURED',
    device: 'devices.error.PRINTER_NOT_CONFIGURED',
  },
  PRINTER_OFFLINE: { print: 'print.reason.PRINTER_OFFLINE', device: 'devices.error.PRINTER_OFFLINE' },
  PRINTER_PAPER_OUT: { print: 'print.reason.PRINTER_PAPER_OUT', device: 'devices.error.PRINTER_PAPER_OUT' },
  PRINTER_COVER_OPEN: { print: 'print.reason.PRINTER_COVER_OPEN', device: 'devices.error.PRINTER_COVER_OPEN' },
  PRINTER_ERROR: { print: 'print.reason.PRINTER_ERROR', device: 'devices.error.PRINTER_ERROR' },
  PRINT_UNCONFIRMED: { print: 'print.reason.PRINT_UNCONFIRMED', device: 'devices.error.PRINT_UNCONFIRMED' },
  PRINT_JOB_GONE: { print: OTHER.print, device: 'devices.error.PRINT_JOB_GONE' },
  SETTINGS_WRITE_FAILED: OTHER,
  DEVICE_NOT_CONFIGURED: { print: OTHER.print, device: 'devices.error.DEVICE_NOT_CONFIGURED' },
  DEVICE_DISCONNECTED: { print: OTHER.print, device: 'devices.error.DEVICE_DISCONNECTED' },
  DEVICE_BUSY: { print: OTHER.print, device: 'devices.error.DEVICE_BUSY' },
  SIGNATURE_CANCELLED: { print: OTHER.print, device: 'devices.error.SIGNATURE_CANCELLED' },
  SIGNATURE_EMPTY: { print: OTHER.print, device: 'devices.error.SIGNATURE_EMPTY' },
  INTERNAL: OTHER,
};

/**
 * The message for a failure's code in a context. A code that is not the contract's (an alert
 * stored by another version, say) gets the general words.
 */
export function errorMessage(code: string, context: ErrorContext): MessageId {
  return (isErrorCode(code) ? ERROR_MESSAGES[code] : OTHER)[context];
}
