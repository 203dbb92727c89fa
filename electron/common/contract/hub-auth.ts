/**
 * Signing in at the office hub (electron/hub/http/handlers/auth.ts), shared by the hub and the
 * station that asks on a window's behalf.
 *
 *   POST /api/v1/auth/login     {login, password, newPassword?, code?, enrolSecret?} → a session for that
 *                               person at this workstation (a supervisor's or admin's authenticator code)
 *   POST /api/v1/auth/session   {} → a session for a window with nobody signed in (a kiosk, a board);
 *                               {kind: 'board'} for a screen paired from another machine
 *   POST /api/v1/auth/logout    ends the session the request carries
 *   GET  /api/v1/auth/accounts?login=…   what a workstation's offline cache must know of people seen there
 *
 * Login and session take the workstation's own token (`okh_…`), never a session: a session cannot
 * mint another. Every other route takes either; a window's requests carry its session
 * (`oks_<slot>_<secret>`), so the workstation token never reaches a window.
 */
import { z } from 'zod';
import { USER_ROLES } from '../access/subjects';

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
export const LoginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(LOGIN_PATTERN, 'a login is 1-64 letters, digits, dots, dashes, underscores or @');

export const LoginRequestSchema = z
  .object({
    login: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
    /** The new password, when the account must change its one-time password at this login. */
    newPassword: z.string().max(256).optional(),
    /** A supervisor's or admin's second factor: six digits from the authenticator app, or a recovery code. */
    code: z.string().max(32).optional(),
    /** At enrolment: the new TOTP secret (base32) the person's app was given; `code` comes from it. */
    enrolSecret: z.string().max(64).optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** `POST /auth/session`: `{}`, or `{kind: 'board'}` for a screen paired from another machine. */
export const WindowSessionRequestSchema = z.object({ kind: z.literal('board').optional() }).strict();

export const SessionUserSchema = z.object({
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(USER_ROLES)),
  /** The services this person may serve; null: all. */
  services: z.array(z.string()).nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SessionResponseSchema = z.object({
  /** The bearer for this window's requests: `oks_<slot>_<secret>`. */
  session: z.string(),
  expiresAt: z.number(),
  user: SessionUserSchema.nullable(),
  /**
   * The second factor this sign-in passed, for the workstation alone (its windows never see it):
   * the TOTP secret sealed under the password (second-factor.ts), which the workstation keeps for
   * offline sign-in — given only to workstations with screens people sign in at — and, once, at
   * enrolment, the recovery codes to show the person.
   */
  secondFactor: z
    .object({
      sealedSecret: z.string().optional(),
      step: z.number().nullable(),
      recoveryCodes: z.array(z.string()).optional(),
    })
    .optional(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const AccountStatusSchema = z.object({
  login: z.string(),
  /** false: disabled or removed; the workstation forgets the person's cached verifier. */
  active: z.boolean(),
  displayName: z.string(),
  roles: z.array(z.enum(USER_ROLES)),
});
export const AccountStatusResponseSchema = z.object({ accounts: z.array(AccountStatusSchema) });
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

/** Hub error codes of a refused sign-in, for the station to put into words. */
export const LOGIN_FAILURES = [
  'bad-credentials',
  'account-locked',
  'account-disabled',
  'password-change-required',
  'weak-password',
  'too-many-attempts',
  'second-factor-required',
  'second-factor-enrolment-required',
  'bad-second-factor',
] as const;
export type LoginFailure = (typeof LOGIN_FAILURES)[number];

export function isSessionBearer(bearer: string): boolean {
  return bearer.startsWith('oks_');
}
