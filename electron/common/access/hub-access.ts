/**
 * What each enrolled workstation may do at the office hub, by the kind of its token and the role
 * of the person whose session it carries: one table, read by the hub's gates for every request
 * (electron/hub/http/gates.ts) and by the workstations to know what they replicate (`collectionsFor`).
 *
 * A push is allowed when one of its collection's rules matches; the rule's `scope` then limits
 * what the documents may change (electron/hub/push-scope.ts): a kiosk only issues new tickets, a
 * counter moves tickets only as their life cycle allows, the office changes only in an admin's
 * session. The matrix test (test/integration/hub/access.test.ts) lists every cell against a real hub.
 */
import { SYNC_COLLECTIONS, type SyncCollection } from '../contract/hub';
import { hasAnyRole, TOKEN_KINDS, type TokenKind, type UserRole } from './subjects';

export interface HubRule {
  readonly kinds: readonly TokenKind[];
  /** A session of a person holding one of these roles is needed; absent: the token alone will do. */
  readonly roles?: readonly UserRole[];
}

/**
 * What the documents of an allowed push may change:
 * - `any`: anything the schema allows;
 * - `issue`: only new tickets, waiting, with nothing but their issue and check-in recorded;
 * - `lifecycle`: tickets as the life cycle allows, history only added to, never rewritten; a new
 *   ticket starts with its issue (it may have been called already at a workstation offline);
 * - `check-in`: an existing appointment from booked to checked in, nothing else;
 * - `counter-state`: an existing counter's mode, clerk and priority count, nothing else;
 * - `create`: new documents only;
 * - `rate`: a finished visit marked answered (one `rated` event, domain/satisfaction.ts), nothing else;
 * - `answer`: new, valid visitors' answers only: never changed or deleted after.
 */
export type PushScope =
  'any' | 'issue' | 'lifecycle' | 'check-in' | 'counter-state' | 'counter-services' | 'create' | 'rate' | 'answer';

export interface PushRule extends HubRule {
  readonly scope: PushScope;
}

export interface CollectionAccess {
  readonly pull: HubRule;
  readonly push: readonly PushRule[];
}

const EVERY_KIND: readonly TokenKind[] = TOKEN_KINDS;
const STAFF_KINDS: readonly TokenKind[] = ['kiosk', 'counter', 'supervisor'];
const SERVING: readonly UserRole[] = ['clerk', 'supervisor'];
const MANAGING: readonly UserRole[] = ['supervisor', 'admin'];
const ADMIN: readonly UserRole[] = ['admin'];
/**
 * Where a visitor answers the five faces with nobody signed in: a counter's own customer display, a
 * customer screen paired from another machine (held to a board's rights at the hub) and a tablet
 * of kind kiosk by the exit.
 */
const ASKING: readonly TokenKind[] = ['counter', 'board', 'kiosk'];

/** The office's set-up changes only in an admin's session, at a counter or a supervisor's desk. */
const SET_UP: PushRule = { kinds: ['counter', 'supervisor'], roles: ADMIN, scope: 'any' };

export const COLLECTION_ACCESS: Readonly<Record<SyncCollection, CollectionAccess>> = {
  office: { pull: { kinds: EVERY_KIND }, push: [SET_UP] },
  services: { pull: { kinds: EVERY_KIND }, push: [SET_UP] },
  counters: {
    pull: { kinds: EVERY_KIND },
    push: [
      SET_UP,
      { kinds: ['counter', 'supervisor'], roles: SERVING, scope: 'counter-state' },
      // Moving a counter to other services, live (station-access.ts 'counters.manage').
      { kinds: ['supervisor'], roles: MANAGING, scope: 'counter-services' },
    ],
  },
  tickets: {
    pull: { kinds: EVERY_KIND },
    push: [
      { kinds: ['kiosk'], scope: 'issue' },
      { kinds: ['counter'], roles: SERVING, scope: 'lifecycle' },
      { kinds: ['supervisor'], roles: MANAGING, scope: 'lifecycle' },
      // The mark that a finished visit was answered, and nothing else (domain/satisfaction.ts).
      { kinds: ASKING, scope: 'rate' },
      // Mending the record (and removing tickets past their retention) is an admin's.
      SET_UP,
    ],
  },
  appointments: {
    pull: { kinds: STAFF_KINDS },
    push: [
      // A booking is made, moved and cancelled through the hub's routes, which decide who gets a
      // slot (electron/hub/bookings.ts); by push, a check-in — and an admin mending the record.
      { kinds: ['kiosk'], scope: 'check-in' },
      { kinds: ['counter', 'supervisor'], roles: MANAGING, scope: 'check-in' },
      SET_UP,
    ],
  },
  alerts: {
    pull: { kinds: STAFF_KINDS },
    push: [
      // A small office's supervisor screen runs on a counter's workstation.
      { kinds: ['counter', 'supervisor'], roles: MANAGING, scope: 'any' },
      { kinds: ['kiosk', 'counter'], scope: 'create' },
    ],
  },
  // Every screen shows the office's notices (a board's too: nothing personal reaches it, see
  // electron/hub/board.ts); those who manage post and withdraw them, as they acknowledge alerts.
  notices: {
    pull: { kinds: EVERY_KIND },
    push: [{ kinds: ['counter', 'supervisor'], roles: MANAGING, scope: 'any' }],
  },
  // A visitor's answers and identity: only the counters, where clerks serve and resume sessions;
  // never a kiosk, a board or a supervisor's desk, which counts the records below (nothing
  // personal). A small office's supervisor screen on a counter's workstation is of kind counter.
  assistedSessions: {
    pull: { kinds: ['counter'] },
    push: [{ kinds: ['counter'], roles: SERVING, scope: 'any' }],
  },
  assistanceRecords: {
    pull: { kinds: ['counter', 'supervisor'] },
    push: [{ kinds: ['counter', 'supervisor'], roles: SERVING, scope: 'any' }],
  },
  // Visitors' answers: anonymous (nothing personal, nothing that names the visit), so every kind
  // may pull them — a screen that asks replicates only what it may pull — and those that ask add
  // them. Append-only: nobody changes or deletes an answer, an admin neither.
  satisfaction: {
    pull: { kinds: EVERY_KIND },
    push: [{ kinds: ASKING, scope: 'answer' }],
  },
};

/** The hub's routes other than the collections'. */
export const ROUTE_ACCESS = {
  me: { kinds: EVERY_KIND },
  stream: { kinds: EVERY_KIND },
  // A counter issues a ticket too, for a visitor who came straight to the desk.
  lease: { kinds: ['kiosk', 'counter'] },
  'call-next': { kinds: ['counter'], roles: SERVING },
  // The admin screen, on any workstation where an admin signs in (a kiosk's device settings too).
  accounts: { kinds: ['kiosk', 'counter', 'supervisor'], roles: ADMIN },
  // A clerk books, moves and cancels for a caller by code (contract/hub-appointments.ts); so do
  // those who manage, who may change appointments by push anyway: SERVING and MANAGING.
  appointments: { kinds: ['counter', 'supervisor'], roles: ['clerk', 'supervisor', 'admin'] },
  // The office's whole configuration, read and imported on the admin's set-up screen
  // (contract/hub-office.ts): where an admin may push it document by document (SET_UP).
  office: { kinds: ['counter', 'supervisor'], roles: ADMIN },
  // A supervisor's report (contract/hub-reports.ts), figures per clerk included: those who manage,
  // at a supervisor's desk or at a counter (a small office's supervisor screen runs on one).
  reports: { kinds: ['counter', 'supervisor'], roles: MANAGING },
  // "Your turn is near" (contract/hub-turn-near.ts): a visitor's phone or e-mail, left at the kiosk.
  'turn-near': { kinds: ['kiosk'] },
} as const satisfies Readonly<Record<string, HubRule>>;
export type HubRoute = keyof typeof ROUTE_ACCESS;

/** The workstation and the person behind a request, as the hub's gates established them. */
export interface HubCaller {
  /**
   * null: a token enrolled before kinds existed. It keeps the rights every token had then (all of
   * them), so an upgrade locks nobody out, until an admin gives it a kind (`npm run hub -- token
   * kind`); the hub names such tokens in its log at every start.
   */
  readonly kind: TokenKind | null;
  /** The roles of the person whose session the request carries; null when none. */
  readonly roles: readonly UserRole[] | null;
}

export interface HubDenial {
  readonly code: 'forbidden-kind' | 'sign-in-required' | 'forbidden-role';
  readonly message: string;
}

/** null when `caller` matches `rule`, else why not. */
export function checkHubRule(rule: HubRule, caller: HubCaller, what: string): HubDenial | null {
  if (caller.kind === null) return null;
  if (!rule.kinds.includes(caller.kind))
    return { code: 'forbidden-kind', message: `A ${caller.kind} workstation may not ${what}` };
  if (!rule.roles) return null;
  if (!caller.roles)
    return { code: 'sign-in-required', message: `To ${what}, a ${rule.roles.join(' or ')} must sign in` };
  if (!hasAnyRole({ roles: caller.roles }, rule.roles))
    return { code: 'forbidden-role', message: `To ${what} needs the role ${rule.roles.join(' or ')}` };
  return null;
}

export function checkPull(collection: SyncCollection, caller: HubCaller): HubDenial | null {
  return checkHubRule(COLLECTION_ACCESS[collection].pull, caller, `read ${collection}`);
}

/**
 * The collections a workstation of `kind` may pull, in SYNC_COLLECTIONS order: the ones it
 * replicates (renderer/db/sync/kind.ts), so it never asks for what the hub would refuse it. A pull
 * rule names kinds only; null (a token from before kinds) may pull them all.
 */
export function collectionsFor(kind: TokenKind | null): SyncCollection[] {
  return SYNC_COLLECTIONS.filter((collection) => checkPull(collection, { kind, roles: null }) === null);
}

/** The scopes `caller` may push `collection` with (the widest decides), or the denial of the first rule. */
export function pushScopes(collection: SyncCollection, caller: HubCaller): PushScope[] | HubDenial {
  if (caller.kind === null) return ['any'];
  const rules = COLLECTION_ACCESS[collection].push;
  const scopes = rules.filter((rule) => checkHubRule(rule, caller, '') === null).map((rule) => rule.scope);
  if (scopes.length > 0) return scopes;
  // Say what is missing for the rule nearest to this caller: one of its own kind if there is one.
  const nearest = rules.find((rule) => caller.kind !== null && rule.kinds.includes(caller.kind)) ?? rules[0];
  const denial = nearest ? checkHubRule(nearest, caller, `change ${collection}`) : null;
  return denial ?? { code: 'forbidden-kind', message: `Nobody may change ${collection}` };
}

export function checkRoute(route: HubRoute, caller: HubCaller): HubDenial | null {
  return checkHubRule(ROUTE_ACCESS[route], caller, route.replace('-', ' '));
}
