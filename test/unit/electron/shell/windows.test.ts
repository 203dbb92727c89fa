import { describe, expect, it } from 'vitest';
import { planWindows, type DisplayInfo } from '../../../../electron/shell/routes';
import { windowOptions } from '../../../../electron/shell/windows';

const laptop: DisplayInfo = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};

describe('window options', () => {
  const [counterPlan] = planWindows({ role: 'counter', counter: 1 }, [laptop], laptop.id);
  const [boardPlan] = planWindows({ role: 'board', counter: 1 }, [laptop], laptop.id);

  it('sandboxes every window and keeps Node out of it', () => {
    for (const plan of [counterPlan!, boardPlan!]) {
      const options = windowOptions(plan, { preload: '/app/out/electron/preload.cjs', devTools: false });
      expect(options.webPreferences).toMatchObject({
        preload: '/app/out/electron/preload.cjs',
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: false,
      });
      expect(options.show).toBe(false);
    }
  });

  it('lets only the board play sound without a touch', () => {
    expect(windowOptions(boardPlan!, { preload: 'p', devTools: false }).webPreferences?.autoplayPolicy).toBe(
      'no-user-gesture-required',
    );
    expect(windowOptions(counterPlan!, { preload: 'p', devTools: false }).webPreferences?.autoplayPolicy).toBe(
      'document-user-activation-required',
    );
  });

  it('puts kiosk windows in kiosk mode on their display', () => {
    const options = windowOptions(boardPlan!, { preload: 'p', devTools: false });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, ...laptop.bounds });
    expect(windowOptions(counterPlan!, { preload: 'p', devTools: true })).toMatchObject({
      kiosk: false,
      fullscreen: false,
    });
  });
});
