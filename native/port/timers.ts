/**
 * The timers and the clock device code waits with: a link's back-off, a driver's timeouts, a pen's
 * silence, an emulated line. Tests pass a manual clock instead (test/support/manual-clock.ts).
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  // Looked up at call time, so fake timers installed after import still apply.
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};
