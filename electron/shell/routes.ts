/**
 * Which window shows which screen on which display. Pure functions of the station's settings and
 * the list of displays, so the decision is tested without Electron; windows.ts only applies it.
 */
import type { Settings } from '../common/contract/settings';
import { formatRoute, type KnownRoute } from '../common/routes';

export type RoleSettings = Pick<Settings, 'role' | 'counter'>;

export const HOME_ROUTE = formatRoute({ screen: 'home' });
export const BOARD_ROUTE = formatRoute({ screen: 'board' });

/** What the screen turned toward the visitor at a counter shows: the customer screen of that counter. */
export const VISITOR_SCREEN_ROUTE = (counter: number): string => formatRoute({ screen: 'customer', number: counter });

/** The screen of a workstation role. */
function screenOfRole(settings: RoleSettings): KnownRoute {
  switch (settings.role) {
    case 'kiosk':
      return { screen: 'kiosk' };
    case 'counter':
      return { screen: 'counter', number: settings.counter };
    case 'board':
      return { screen: 'board' };
    case 'supervisor':
      return { screen: 'supervisor' };
  }
}

/** The route of the workstation's main window; with no settings (station down) the home screen. */
export function routeForRole(settings: RoleSettings | null): string {
  return settings ? formatRoute(screenOfRole(settings)) : HOME_ROUTE;
}

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The part of Electron's `Display` the plan needs. */
export interface DisplayInfo {
  readonly id: number;
  readonly bounds: Rectangle;
  readonly workArea: Rectangle;
}

export type WindowKey = 'main' | 'visitor';

/**
 * `kiosk`: fullscreen with no way out for the visitor (kiosk terminals, waiting-room boards);
 * `fullscreen`: the visitor-facing screen at a counter; `maximized`: the clerk's or the supervisor's
 * ordinary window.
 */
export type WindowMode = 'kiosk' | 'fullscreen' | 'maximized';

export interface WindowPlan {
  readonly key: WindowKey;
  readonly route: string;
  readonly displayId: number;
  readonly bounds: Rectangle;
  readonly mode: WindowMode;
  /** The waiting-room board reads calls aloud with no one touching it: only its window may autoplay sound. */
  readonly speaks: boolean;
}

export function planWindows(
  settings: RoleSettings | null,
  displays: readonly DisplayInfo[],
  primaryId: number,
): WindowPlan[] {
  const primary = displays.find((display) => display.id === primaryId) ?? displays[0];
  if (!primary) return [];
  const route = routeForRole(settings);
  const unattended = settings?.role === 'kiosk' || settings?.role === 'board';
  const plans: WindowPlan[] = [
    {
      key: 'main',
      route,
      displayId: primary.id,
      bounds: unattended ? primary.bounds : primary.workArea,
      mode: unattended ? 'kiosk' : 'maximized',
      speaks: settings?.role === 'board',
    },
  ];
  const second = displays.find((display) => display.id !== primary.id);
  if (settings?.role === 'counter' && second) {
    plans.push({
      key: 'visitor',
      route: VISITOR_SCREEN_ROUTE(settings.counter),
      displayId: second.id,
      bounds: second.bounds,
      mode: 'fullscreen',
      // Even while it shows the board, a counter's screen must not read every call aloud: the
      // waiting room's own board does that, once.
      speaks: false,
    });
  }
  return plans;
}
