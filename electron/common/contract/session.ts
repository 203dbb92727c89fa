/**
 * Signing in at a workstation: who is signed in (one person at a time per workstation, as at any
 * office PC), whether the screen is locked, and when the person's password was last checked (for
 * sensitive actions, electron/common/access/station-access.ts). How the station checks a password —
 * at the hub, against its offline cache, or against its own accounts — is electron/station/accounts.
 */
import { z } from 'zod';
import { SCREEN_ACTION_NAMES, type ScreenAction } from '../access/station-access';
import { USER_ROLES } from '../access/subjects';

export const SignedInUserSchema = z.object({
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(USER_ROLES)),
  /** The services this person may serve; absent: all. */
  services: z.array(z.string()).optional(),
  /** Signed in against the workstation's cached verifier while the hub was out of reach. */
  offline: z.boolean(),
});

export const SessionInfoSchema = z.object({
  user: SignedInUserSchema.nullable(),
  /** The screen is covered until the same person gives the password again. */
  locked: z.boolean(),
  /** When the password was last checked (ms); sensitive actions want it recent. */
  checkedAt: z.number().nullable(),
  secondFactorAt: z.number().nullable(),
  /** Lock after this long without a key or a touch (ms); 0 = never. */
  idleLockMs: z.number(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const SignInRequestSchema = z
  .object({
    login: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
    /** The new password, when the one-time password must be replaced at this sign-in. */
    newPassword: z.string().min(1).max(256).optional(),
    /**
     * Another person signs in on a locked workstation: the screen confirms first that the visit in
     * progress was parked or handed over.
     */
    takeOver: z.boolean().optional(),
    /** A supervisor's or admin's second factor: six digits from the authenticator app, or a recovery code. */
    code: z.string().min(1).max(32).optional(),
    /** At enrolment: the secret shown as a QR code (session.newSecondFactor); `code` comes from the app. */
    enrolSecret: z.string().max(64).optional(),
  })
  .strict();
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/** A sign-in's answer: the session, and — once, at enrolment — the recovery codes to write down. */
export const SignInReplySchema = SessionInfoSchema.extend({ recoveryCodes: z.array(z.string()).optional() });
export type SignInReply = z.infer<typeof SignInReplySchema>;

/** A new authenticator secret to enrol: the QR code's `otpauth://` address, and the secret to type instead. */
export const NewSecondFactorSchema = z.object({ secret: z.string(), uri: z.string() });
export type NewSecondFactor = z.infer<typeof NewSecondFactorSchema>;

/** A screen asks before it does a sensitive thing in its own database (station-access.ts SCREEN_ACTIONS). */
export const MayDoRequestSchema = z
  .object({ action: z.enum(SCREEN_ACTION_NAMES as [ScreenAction, ...ScreenAction[]]) })
  .strict();

export const PasswordRequestSchema = z.object({ password: z.string().min(1).max(256) }).strict();

/** The password again before a sensitive action, with a supervisor's or admin's authenticator code. */
export const ConfirmRequestSchema = z
  .object({ password: z.string().min(1).max(256), code: z.string().min(1).max(32).optional() })
  .strict();

/** Where this window syncs and with what; null when the workstation works alone. */
export const HubConnectionSchema = z
  .object({
    url: z.string(),
    /** The session this window's requests carry (`oks_…`), or null while the hub cannot be reached. */
    session: z.string().nullable(),
    /** The workstation's slot at the hub: its offline ticket-number range. */
    slot: z.number().int().min(1).max(99),
  })
  .nullable();
export type HubConnection = z.infer<typeof HubConnectionSchema>;
