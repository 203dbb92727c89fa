/**
 * The app's screens and their hash routes: `#/` (home), `#/kiosk`, `#/counter/3`, `#/customer/3`
 * (the screen turned to the visitor at counter 3), `#/board`,
 * `#/supervisor`, `#/appointments` (a clerk books a visit for a caller), `#/reports` (a supervisor's reports),
 * `#/feedback` (the tablet by the exit, where a visitor rates a visit by its ticket number),
 * `#/settings/devices`, `#/settings/accounts`, `#/settings/office` (the office's
 * set-up), `#/status/<ticket id>` (a ticket's status page, which
 * the hub serves to a visitor's phone), `#/booking` (the public booking page, also the hub's) and
 * `#/booking/<code>-<key>` (one booking, to see, move or cancel). One table for both sides: the shell opens a window on the
 * route of its role, the renderer shows the screen a route names. Hash routing works from app://,
 * http:// and file:// alike.
 */
import type { WindowKind } from './access/subjects';

export type Route =
  | { readonly screen: 'home' }
  | { readonly screen: 'kiosk' }
  | { readonly screen: 'counter'; readonly number: number }
  | { readonly screen: 'customer'; readonly number: number }
  | { readonly screen: 'board' }
  | { readonly screen: 'supervisor' }
  /** A clerk books, moves and cancels a visit for a caller, at the office hub (apps/appointments). */
  | { readonly screen: 'appointments' }
  /** The tablet by the exit: a visitor rates their visit by the number on the ticket (apps/feedback). */
  | { readonly screen: 'feedback' }
  /** A supervisor's reports: figures of a range of days from the hub, today's from this copy (apps/reports). */
  | { readonly screen: 'reports' }
  | { readonly screen: 'devices' }
  | { readonly screen: 'accounts' }
  | { readonly screen: 'office' }
  | { readonly screen: 'pair' }
  /** `id` as the address carries it: the page asks the hub, which answers any unknown id alike. */
  | { readonly screen: 'status'; readonly id: string }
  /**
   * The public booking page; `manage` is one booking's `<code>-<key>` as the address carries it
   * (contract/public.ts `bookingLink`), for the page to read and the hub to judge.
   */
  | { readonly screen: 'booking'; readonly manage?: string }
  | { readonly screen: 'not-found' };

export type Screen = Route['screen'];

/** A route a link or a window can open: every one but the answer to an unknown path. */
export type KnownRoute = Exclude<Route, { readonly screen: 'not-found' }>;

/** The path of each screen that takes no parameter; a counter's is `counter/<number>`. */
const PATHS = {
  home: '',
  kiosk: 'kiosk',
  board: 'board',
  supervisor: 'supervisor',
  appointments: 'appointments',
  feedback: 'feedback',
  reports: 'reports',
  devices: 'settings/devices',
  accounts: 'settings/accounts',
  office: 'settings/office',
  pair: 'pair',
} as const satisfies Record<Exclude<Screen, 'counter' | 'customer' | 'status' | 'booking' | 'not-found'>, string>;

type PlainScreen = keyof typeof PATHS;

const COUNTER_PATH = /^counter\/(\d{1,3})$/;
const CUSTOMER_PATH = /^customer\/(\d{1,3})$/;
/** Any one segment, not only a UUID: a mistyped address should still say "no such ticket". */
const STATUS_PATH = /^status\/([^/]{1,100})$/;
/** `booking`, or one booking's segment: any one, so a mangled link still says "no such booking". */
const BOOKING_PATH = /^booking(?:\/([^/]{1,100}))?$/;

/** The screen a hash names; a leading `#/` and trailing slashes do not matter. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').replace(/\/+$/, '');
  const screen = (Object.keys(PATHS) as PlainScreen[]).find((candidate) => PATHS[candidate] === path);
  if (screen) return { screen };
  const counter = COUNTER_PATH.exec(path);
  if (counter) return { screen: 'counter', number: Number(counter[1]) };
  const customer = CUSTOMER_PATH.exec(path);
  if (customer) return { screen: 'customer', number: Number(customer[1]) };
  const status = STATUS_PATH.exec(path);
  if (status) return { screen: 'status', id: status[1]! };
  const booking = BOOKING_PATH.exec(path);
  if (booking) return booking[1] === undefined ? { screen: 'booking' } : { screen: 'booking', manage: booking[1] };
  return { screen: 'not-found' };
}

/** The kind of window a screen is, for the doors of electron/common/access/station-access.ts. */
const WINDOW_OF_SCREEN = {
  home: 'home',
  kiosk: 'kiosk',
  counter: 'counter',
  customer: 'customer',
  board: 'board',
  supervisor: 'supervisor',
  // Opened from a counter (or a supervisor's desk, whose person may serve too): the counter's
  // rights, so the clerk there prints the booking's slip on the counter's printer.
  appointments: 'counter',
  // A kiosk-kind tablet by the exit, which visitors touch: a kiosk's rights.
  feedback: 'kiosk',
  reports: 'supervisor',
  devices: 'settings',
  accounts: 'settings',
  office: 'settings',
  pair: 'home',
  // The status page talks to no station (app.tsx shows it before any starts): no window's rights are used.
  status: 'home',
  // Nor does the booking page: it asks the hub's public routes only.
  booking: 'home',
  'not-found': 'home',
} as const satisfies Record<Screen, WindowKind>;

export function windowOfRoute(route: Route): WindowKind {
  return WINDOW_OF_SCREEN[route.screen];
}

/** The hash of a route, for a link's `href` or a window's URL. */
export function formatRoute(route: KnownRoute): string {
  if (route.screen === 'counter' || route.screen === 'customer') return `#/${route.screen}/${route.number}`;
  if (route.screen === 'status') return `#/status/${route.id}`;
  if (route.screen === 'booking') return route.manage === undefined ? '#/booking' : `#/booking/${route.manage}`;
  return `#/${PATHS[route.screen]}`;
}
