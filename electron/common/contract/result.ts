/**
 * Every reply that crosses the renderer ↔ station boundary is a Result. Electron strips
 * everything but the message from a thrown Error, and a WebSocket carries only JSON, so failures
 * travel as data with a code the renderer can translate for the clerk.
 */

export const ERROR_CODES = [
  /** The channel is not in the contract. */
  'UNKNOWN_CHANNEL',
  /** The request did not match the channel's schema. */
  'BAD_REQUEST',
  /** The caller may not make this call: not from this screen, not with the signed-in person's role (electron/common/access). */
  'FORBIDDEN',
  /** The call needs a signed-in person, and nobody is signed in at this screen (or it is locked). */
  'NOT_SIGNED_IN',
  /** A sensitive action: the person's password (and second factor) must be checked again first. */
  'REAUTH_REQUIRED',
  /** Signing in: the login or the password is wrong (never said which). */
  'BAD_CREDENTIALS',
  /** Signing in: too many wrong passwords; the account is locked for a while or until an admin resets it. */
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  /** Signing in with a one-time password: a new password must be chosen now. */
  'PASSWORD_CHANGE_REQUIRED',
  /** The new password is too short or contains the login. */
  'WEAK_PASSWORD',
  /** Too many failed sign-ins from here; wait before trying again. */
  'TOO_MANY_ATTEMPTS',
  /** A supervisor or admin signs in (or confirms) with the code from the authenticator app too. */
  'SECOND_FACTOR_REQUIRED',
  /** A supervisor or admin without an authenticator app enrols one now (a QR code to scan). */
  'SECOND_FACTOR_ENROLMENT_REQUIRED',
  /** The authenticator code is wrong, expired or already used (or the recovery code unknown). */
  'BAD_SECOND_FACTOR',
  /** The office's directory (LDAP) that checks this person's password cannot be reached. */
  'DIRECTORY_UNAVAILABLE',
  /** The hub cannot be reached and this person has not signed in here online recently enough. */
  'OFFLINE_SIGN_IN_UNAVAILABLE',
  /** Another person is signed in here with a visit in progress: it must be parked or handed over first. */
  'WORKSTATION_IN_USE',
  /** The hub does not know this workstation's token (revoked, or never enrolled). */
  'WORKSTATION_NOT_ENROLLED',
  /** The call did not get a reply in time (transport or device). */
  'TIMEOUT',
  /** The transport to the station is down (browser host restarted, utility process crashed). */
  'DISCONNECTED',
  /** No ticket printer is configured on this workstation. */
  'PRINTER_NOT_CONFIGURED',
  /** The printer did not answer a status request: off, unplugged, wrong cable or baud rate. */
  'PRINTER_OFFLINE',
  'PRINTER_PAPER_OUT',
  'PRINTER_COVER_OPEN',
  /** The printer reports an error (cutter jam, overheating, unrecoverable). */
  'PRINTER_ERROR',
  /** The ticket was sent but the printer never confirmed it: a person must look at the printer. */
  'PRINT_UNCONFIRMED',
  /** A reprint was asked for a job whose ticket this station no longer knows (restarted since). */
  'PRINT_JOB_GONE',
  /** The settings file could not be written. */
  'SETTINGS_WRITE_FAILED',
  /** No device of that kind is configured on this workstation. */
  'DEVICE_NOT_CONFIGURED',
  /** The device is configured but not connected (unplugged, wrong port): the station keeps trying. */
  'DEVICE_DISCONNECTED',
  /** The device is doing something else (another capture or test). */
  'DEVICE_BUSY',
  /** The clerk cancelled the signature, or the visitor did not sign in time. */
  'SIGNATURE_CANCELLED',
  /** The pad delivered no strokes. */
  'SIGNATURE_EMPTY',
  /** Anything else. The message is safe to show; details are in the station log. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  readonly code: ErrorCode;
  /** English, for logs and developers. The renderer shows a translated text chosen by `code`. */
  readonly message: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Thrown by station services; the dispatcher turns it into a failed Result with the same code. */
export class ContractFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractFailure';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
