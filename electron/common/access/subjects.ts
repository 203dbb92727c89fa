/**
 * Who may be asking: the people (by role), the windows of a workstation (by kind) and the
 * workstations enrolled at the hub (by the kind of their token). The tables in station-access.ts
 * and hub-access.ts say what each may do; nothing else decides.
 */

/** What a person may be: a clerk serves, a supervisor runs the room, an admin sets the office up. */
export const USER_ROLES = ['clerk', 'supervisor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * The windows a station serves, by what they show. `customer` is the screen turned toward the
 * visitor at a counter; `settings` the device settings; `home` the list of screens.
 */
export const WINDOW_KINDS = ['home', 'kiosk', 'counter', 'board', 'customer', 'supervisor', 'settings'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** The kind a workstation's hub token has (`npm run hub -- token create --kind …`). */
export const TOKEN_KINDS = ['kiosk', 'counter', 'board', 'supervisor'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** The windows a paired screen on another machine may be (electron/host pairing). */
export const PAIRED_KINDS = ['board', 'customer'] as const satisfies readonly WindowKind[];
export type PairedKind = (typeof PAIRED_KINDS)[number];

/** A signed-in person as the doors see them. */
export interface SignedInUser {
  readonly login: string;
  readonly displayName: string;
  readonly roles: readonly UserRole[];
  /** Services the person may serve; undefined = all. */
  readonly services?: readonly string[];
  /** Signed in against a cached verifier while the hub was out of reach. */
  readonly offline: boolean;
}

export function hasAnyRole(user: Pick<SignedInUser, 'roles'> | null, roles: readonly UserRole[]): boolean {
  return user !== null && user.roles.some((role) => roles.includes(role));
}

/** Whoever may close the day, change the rules or manage accounts signs in with a second factor (TOTP). */
export const SECOND_FACTOR_ROLES: readonly UserRole[] = ['supervisor', 'admin'];

export function needsSecondFactor(roles: readonly UserRole[]): boolean {
  return roles.some((role) => SECOND_FACTOR_ROLES.includes(role));
}

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

export function isTokenKind(value: unknown): value is TokenKind {
  return typeof value === 'string' && (TOKEN_KINDS as readonly string[]).includes(value);
}
