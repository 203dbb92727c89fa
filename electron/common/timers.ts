/**
 * The timers and the clock that code which waits is given: a device link's back-off, a driver's
 * timeouts, a pen's silence, an emulated line, the sync engine's reconnects and `whenSent`. Tests
 * pass a manual clock instead (test/support/manual-clock.ts), so simulated time never sleeps.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/**
 * Every host this code runs in (Node, Chromium) has timer functions, but the ES library typings
 * that anywhere code is checked with do not name them; this is the one place that says they exist.
 */
const host = globalThis as unknown as {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const realTimers: Timers = {
  // Looked up at call time, so fake timers installed after import still apply.
  setTimeout: (callback, ms) => host.setTimeout(callback, ms),
  clearTimeout: (handle) => host.clearTimeout(handle),
  now: () => Date.now(),
};
