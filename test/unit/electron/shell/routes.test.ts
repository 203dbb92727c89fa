import { describe, expect, it } from 'vitest';
import { WORKSTATION_ROLES } from '../../../../electron/common/contract/settings';
import {
  BOARD_ROUTE,
  HOME_ROUTE,
  planWindows,
  routeForRole,
  VISITOR_SCREEN_ROUTE,
  type DisplayInfo,
} from '../../../../electron/shell/routes';
import { parseRoute } from '../../../../electron/common/routes';

const laptop: DisplayInfo = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};
const facing: DisplayInfo = {
  id: 7,
  bounds: { x: 1920, y: 0, width: 1280, height: 1024 },
  workArea: { x: 1920, y: 0, width: 1280, height: 1024 },
};

describe('route for a role', () => {
  it('opens the screen of the workstation role', () => {
    expect(routeForRole({ role: 'kiosk', counter: 1 })).toBe('#/kiosk');
    expect(routeForRole({ role: 'counter', counter: 12 })).toBe('#/counter/12');
    expect(routeForRole({ role: 'board', counter: 1 })).toBe('#/board');
    expect(routeForRole({ role: 'supervisor', counter: 1 })).toBe('#/supervisor');
    expect(routeForRole(null)).toBe(HOME_ROUTE);
  });

  it.each(WORKSTATION_ROLES)('%s leads to a screen the renderer knows', (role) => {
    expect(parseRoute(routeForRole({ role, counter: 4 })).screen).not.toBe('not-found');
    expect(parseRoute(VISITOR_SCREEN_ROUTE(4)).screen).not.toBe('not-found');
  });
});

describe('windows per display', () => {
  it('a counter with one display gets one ordinary window', () => {
    const plans = planWindows({ role: 'counter', counter: 3 }, [laptop], laptop.id);
    expect(plans).toEqual([
      { key: 'main', route: '#/counter/3', displayId: 1, bounds: laptop.workArea, mode: 'maximized', speaks: false },
    ]);
  });

  it('a counter with a second display turns the visitor screen to it, fullscreen and silent', () => {
    const plans = planWindows({ role: 'counter', counter: 3 }, [facing, laptop], laptop.id);
    expect(plans.map((plan) => [plan.key, plan.displayId])).toEqual([
      ['main', 1],
      ['visitor', 7],
    ]);
    expect(plans[1]).toMatchObject({
      route: VISITOR_SCREEN_ROUTE(3),
      bounds: facing.bounds,
      mode: 'fullscreen',
      speaks: false,
    });
  });

  it('kiosks and boards run in kiosk mode on the whole display; only the board speaks', () => {
    const kiosk = planWindows({ role: 'kiosk', counter: 1 }, [laptop, facing], laptop.id);
    const board = planWindows({ role: 'board', counter: 1 }, [laptop], laptop.id);
    expect(kiosk).toHaveLength(1);
    expect(kiosk[0]).toMatchObject({ mode: 'kiosk', bounds: laptop.bounds, speaks: false });
    expect(board[0]).toMatchObject({ route: BOARD_ROUTE, mode: 'kiosk', speaks: true });
  });

  it('with no settings (station down) opens the home screen; with no display nothing', () => {
    expect(planWindows(null, [laptop, facing], laptop.id)).toMatchObject([
      { key: 'main', route: HOME_ROUTE, mode: 'maximized' },
    ]);
    expect(planWindows({ role: 'counter', counter: 1 }, [], 1)).toEqual([]);
  });

  it('falls back to the first display when the primary id is unknown', () => {
    expect(planWindows({ role: 'supervisor', counter: 1 }, [facing, laptop], 99)[0]?.displayId).toBe(facing.id);
  });
});
