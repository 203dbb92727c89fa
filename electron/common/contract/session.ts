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
  })
  .strict();
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/** A screen asks before it does a sensitive thing in its own database (station-access.ts SCREEN_ACTIONS). */
export const MayDoRequestSchema = z
  .object({ action: z.enum(SCREEN_ACTION_NAMES as [ScreenAction, ...ScreenAction[]]) })
  .strict();

export const PasswordRequestSchema = z.object({ password: z.string().min(1).max(256) }).strict();

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
