/**
 * What each window of a workstation may ask of its station, and what it may hear: one table,
 * read by the station's dispatch (every call), by its event fan-out (every push) and by the
 * screens (to show only what the person may use). A denial is a typed error the screen puts into
 * words (renderer/i18n/error-messages.ts).
 *
 * Adding a channel to the contract without a row here fails the type check, and the matrix test
 * (test/unit/electron/common/access/station-access.test.ts) lists every row, allowed and refused.
 */
import type { ChannelName, EventName, EventPayload } from '../contract/contract';
import type { ErrorCode } from '../contract/result';
import { hasAnyRole, PAIRED_KINDS, type SignedInUser, type UserRole, type WindowKind } from './subjects';

/** How fresh the person's last password check must be for a sensitive action. */
export type Recency = 'password' | 'second-factor';

export interface AccessRule {
  /** The windows that may ask at all. */
  readonly windows: readonly WindowKind[];
  /** A signed-in person holding one of these roles is needed; absent: no person is needed. */
  readonly roles?: readonly UserRole[];
  /** Asks for the password again (and, for a supervisor or admin, the second factor) when the last check is older than REAUTH_AFTER_MS. */
  readonly recent?: Recency;
}

/** "A few minutes": a sensitive action after this long since the last check asks for the password again. */
export const REAUTH_AFTER_MS = 5 * 60_000;
/**
 * A password given in the dialog that asks again counts for the action it was asked for, whatever
 * the setting: once (the station forgets it when that action passes), and within this time.
 */
export const CONFIRMATION_LASTS_MS = 60_000;

const ANY_WINDOW: readonly WindowKind[] = ['home', 'kiosk', 'counter', 'board', 'customer', 'supervisor', 'settings'];
const STAFF: readonly UserRole[] = ['clerk', 'supervisor', 'admin'];
const SERVING: readonly UserRole[] = ['clerk', 'supervisor'];
const MANAGING: readonly UserRole[] = ['supervisor', 'admin'];
const DEVICE_WINDOWS: readonly WindowKind[] = ['kiosk', 'counter', 'supervisor', 'settings'];
/** Where a person signs in: never the kiosk, the board or the screen turned to the visitor. */
const PERSONAL_WINDOWS: readonly WindowKind[] = ['counter', 'supervisor', 'settings'];

export const CHANNEL_ACCESS: Readonly<Record<ChannelName, AccessRule>> = {
  'station.info': { windows: ANY_WINDOW },
  // The reply carries no secret (station.ts redacts the hub token), so every window may read it.
  'settings.get': { windows: ANY_WINDOW },
  'printer.status': { windows: DEVICE_WINDOWS },
  // The kiosk prints without a person; a counter prints for the visitor in front of the clerk.
  'printer.printTicket': { windows: ['kiosk'] },
  'printer.printSlip': { windows: ['counter'], roles: SERVING },
  'printer.unknownJobs': { windows: ['supervisor', 'settings'], roles: MANAGING },
  // Settling an unknown job may print a duplicate ticket: a reprint.
  'printer.resolveJob': { windows: ['supervisor', 'settings'], roles: MANAGING, recent: 'password' },
  'devices.list': { windows: ['settings'], roles: MANAGING },
  'devices.configure': { windows: ['settings'], roles: MANAGING, recent: 'password' },
  'devices.test': { windows: ['settings'], roles: MANAGING },
  'signature.capture': { windows: ['counter'], roles: SERVING },
  'signature.cancel': { windows: ['counter'], roles: SERVING },
  'signature.fromScreen': { windows: ['counter'], roles: SERVING },
  // The visitor's documents, composed by the clerk's counter while serving them; a report's PDF at
  // the supervisor's screen (the figures come from the hub's door `reports`, MANAGING only).
  'documents.render': { windows: ['counter', 'supervisor'], roles: STAFF },
  'documents.print': { windows: ['counter'], roles: SERVING },
  'session.current': { windows: ANY_WINDOW },
  'session.signIn': { windows: PERSONAL_WINDOWS },
  'session.newSecondFactor': { windows: PERSONAL_WINDOWS },
  'session.signOut': { windows: PERSONAL_WINDOWS },
  'session.lock': { windows: PERSONAL_WINDOWS },
  'session.unlock': { windows: PERSONAL_WINDOWS },
  'session.confirm': { windows: PERSONAL_WINDOWS, roles: STAFF },
  // Every window of the workstation may be the one that syncs its database; a paired screen gets a session with nobody in it.
  'hub.connection': { windows: ANY_WINDOW },
  // The screen action names its own windows and roles (SCREEN_ACTIONS); the station checks them on its clock.
  'session.mayDo': { windows: ANY_WINDOW },
  'accounts.list': { windows: ['supervisor', 'settings'], roles: ['admin'] },
  'accounts.change': { windows: ['supervisor', 'settings'], roles: ['admin'], recent: 'second-factor' },
  'pairing.start': { windows: ['settings'], roles: MANAGING, recent: 'password' },
  'pairing.list': { windows: ['settings'], roles: MANAGING },
  'pairing.revoke': { windows: ['settings'], roles: MANAGING, recent: 'password' },
  // Definitions are public texts; the visitor's screen renders the steps from them.
  'eservices.list': { windows: ['counter', 'customer', 'supervisor', 'settings'] },
  'assist.show': { windows: ['counter'], roles: SERVING },
  // The visitor's screen has nobody signed in at it: it sees the view meant for it, and answers.
  'assist.current': { windows: ['customer'] },
  'assist.input': { windows: ['customer'] },
};

/** Who hears each event. An ID read goes only to a counter window with a clerk signed in. */
export const EVENT_ACCESS: Readonly<Record<EventName, AccessRule>> = {
  'printer.status': { windows: DEVICE_WINDOWS },
  'devices.status': { windows: ['counter', 'supervisor', 'settings'] },
  'printer.unknownJobs': { windows: ['supervisor', 'settings'], roles: MANAGING },
  'idReader.read': { windows: ['counter'], roles: SERVING },
  // The customer screen and the board hide what they show while the workstation is locked.
  'session.changed': { windows: ANY_WINDOW },
  'assist.view': { windows: ['customer'] },
  'assist.input': { windows: ['counter'], roles: SERVING },
};

/**
 * What a person does on a screen that no station channel carries (the queue lives in the window's
 * own database and reaches the hub by sync): the screens ask before they offer the action, the
 * hub checks the same roles on every push (hub-access.ts).
 */
export const SCREEN_ACTIONS = {
  'queue.serve': { windows: ['counter'], roles: SERVING },
  'queue.closeDay': { windows: ['supervisor'], roles: MANAGING, recent: 'second-factor' },
  // The rule is part of the office's set-up, which the hub takes from an admin only.
  'office.priorityRule': { windows: ['supervisor'], roles: ['admin'], recent: 'second-factor' },
  'alerts.acknowledge': { windows: ['supervisor'], roles: MANAGING },
  // Posting and withdrawing the waiting room's notices, as the hub takes them (hub-access.ts notices).
  'notices.post': { windows: ['supervisor'], roles: MANAGING },
  // Opening, closing and moving a counter to other services live, as the hub takes them (counters).
  'counters.manage': { windows: ['supervisor'], roles: MANAGING },
  // The supervisor's reports, as the hub gives them (hub-access.ts reports; per clerk included).
  'reports.view': { windows: ['supervisor'], roles: MANAGING },
  'accounts.manage': { windows: ['supervisor', 'settings'], roles: ['admin'], recent: 'second-factor' },
  // Saving or importing the office's configuration (services, counters, hours): an admin's, as the hub's SET_UP.
  'office.setUp': { windows: ['settings'], roles: ['admin'], recent: 'second-factor' },
} as const satisfies Readonly<Record<string, AccessRule>>;
export type ScreenAction = keyof typeof SCREEN_ACTIONS;
export const SCREEN_ACTION_NAMES = Object.keys(SCREEN_ACTIONS) as ScreenAction[];

/** The caller of a channel or the listener of an event, as the station knows it. */
export interface Caller {
  readonly window: WindowKind;
  /** A screen on another machine paired with this workstation: a board or a customer screen, never a person. */
  readonly paired?: boolean;
  /** The person signed in at this window and not locked out of it; null when none. */
  readonly user: SignedInUser | null;
  /** When the person's password (with the second factor, if they have one) was last checked. */
  readonly checkedAt: number | null;
  readonly secondFactorAt: number | null;
  /** How old a password check may be for a sensitive action (settings `signIn.reauthMinutes`); REAUTH_AFTER_MS if absent. */
  readonly reauthAfterMs?: number;
  /** When the person last confirmed a sensitive action with the password (the dialog that asks again). */
  readonly confirmedAt?: number | null;
  /**
   * The counter a paired customer screen was paired for (checkCounter). A paired screen without
   * one — a board, or a customer screen paired before screens named their counter — is held to no
   * counter at all; a window of this machine is not held to one.
   */
  readonly counter?: number;
}

export interface Denial {
  readonly code: Extract<ErrorCode, 'FORBIDDEN' | 'NOT_SIGNED_IN' | 'REAUTH_REQUIRED' | 'SECOND_FACTOR_REQUIRED'>;
  readonly message: string;
}

/** null when `caller` may do what `rule` guards, else why not. */
export function checkAccess(rule: AccessRule, caller: Caller, now: number, what: string): Denial | null {
  if (caller.paired && !(PAIRED_KINDS as readonly WindowKind[]).includes(caller.window))
    return { code: 'FORBIDDEN', message: `A paired screen is a board or a customer screen, not a ${caller.window}` };
  if (!rule.windows.includes(caller.window))
    return { code: 'FORBIDDEN', message: `${what} is not available on the ${caller.window} screen` };
  if (!rule.roles) return null;
  if (!caller.user) return { code: 'NOT_SIGNED_IN', message: `${what} needs a signed-in ${rule.roles.join(' or ')}` };
  if (!hasAnyRole(caller.user, rule.roles))
    return { code: 'FORBIDDEN', message: `${what} needs the role ${rule.roles.join(' or ')}` };
  const missing = rule.recent ? missingRecency(rule.recent, caller, now) : null;
  if (missing === 'second-factor')
    return {
      code: 'SECOND_FACTOR_REQUIRED',
      message: `${what} asks for the password and the authenticator code again`,
    };
  if (missing === 'password') return { code: 'REAUTH_REQUIRED', message: `${what} asks for the password again` };
  return null;
}

/** What must be given again for `recency`: nothing (null), the password, or the password with the code. */
function missingRecency(recency: Recency, caller: Caller, now: number): Recency | null {
  const within = (at: number | null | undefined, limit: number) =>
    at !== null && at !== undefined && limit > 0 && now - at <= limit;
  const fresh = (at: number | null) => within(at, caller.reauthAfterMs ?? REAUTH_AFTER_MS);
  const confirmed = within(caller.confirmedAt, CONFIRMATION_LASTS_MS);
  // A clerk has no second factor; for a supervisor or an admin the password alone is not enough:
  // the code too, recently, or in the confirmation given for this very action.
  const wantsCode = recency === 'second-factor' && hasAnyRole(caller.user, MANAGING);
  const passwordOk = fresh(caller.checkedAt) || confirmed;
  const codeOk = fresh(caller.secondFactorAt) || (confirmed && caller.secondFactorAt === caller.confirmedAt);
  if (wantsCode && !(passwordOk && codeOk)) return 'second-factor';
  return passwordOk ? null : 'password';
}

/**
 * A paired screen is held to its counter: a call or an event whose payload names a counter
 * (`assist.view`, `assist.current`, `assist.input`: one visitor's data) passes to or from it only
 * when that is the counter it was paired for. Read from the payload itself, not from a list of
 * channels, so whatever names a counter later is held alike; read as it came, before the schema, so
 * anything but the very number it was paired for is refused. Windows of this machine (the clerk's
 * second display, a page on the loopback) are not held: they are the workstation's own.
 */
export function checkCounter(caller: Caller, payload: unknown, what: string): Denial | null {
  if (!caller.paired || typeof payload !== 'object' || payload === null || !('counter' in payload)) return null;
  const named = (payload as { counter: unknown }).counter;
  if (caller.counter !== undefined && named === caller.counter) return null;
  return {
    code: 'FORBIDDEN',
    message:
      caller.counter === undefined
        ? `${what}: this screen was paired for no counter; pair it again with its counter`
        : `${what}: this screen was paired for counter ${caller.counter} only`,
  };
}

/** null when `caller` may make this call; with the request's payload, a paired screen is held to its counter too. */
export function checkChannel(channel: ChannelName, caller: Caller, now: number, payload?: unknown): Denial | null {
  return checkAccess(CHANNEL_ACCESS[channel], caller, now, channel) ?? checkCounter(caller, payload, channel);
}

/** Whether `caller` hears `event`; with the event's payload, a paired screen only its own counter's. */
export function mayHear<E extends EventName>(event: E, caller: Caller, payload?: EventPayload<E>): boolean {
  // An event is never sensitive in time: recency does not apply to listening.
  const { recent: _ignored, ...rule } = EVENT_ACCESS[event];
  return checkAccess(rule, caller, 0, event) === null && checkCounter(caller, payload, event) === null;
}

export function mayDo(action: ScreenAction, caller: Caller, now: number): Denial | null {
  return checkAccess(SCREEN_ACTIONS[action], caller, now, action);
}
