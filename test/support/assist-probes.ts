/**
 * Timestamps inside the clerk's and the visitor's pages of an assisted session, for the assist
 * benchmark: every `assist.show` frame the clerk's page sends and every `assist.view` frame the
 * customer page receives over the browser host's WebSocket (init scripts, installed before the app
 * opens its socket), the clerk's keystrokes, and the moment the customer page's DOM shows each new
 * value of a mirrored field (a MutationObserver). Times are `performance.timeOrigin +
 * performance.now()`: the machine's wall clock in every page, so two windows compare.
 *
 * The functions that run in a page name no inner function (`const f = () => …`, `{ f: () => … }`;
 * a method `{ f() {} }` is fine): tsx compiles with esbuild's keepNames, which wraps those in a
 * `__name` helper the page does not have.
 */
import type { Page } from 'playwright-core';

interface Stamped {
  readonly at: number;
  readonly data: string;
}

interface ProbeWindow {
  __assistSent: Stamped[];
  __assistReceived: Stamped[];
  __assistKeys: number[];
  __assistMirror: { seen: Map<string, number>; frames: Map<string, number> };
}

/** Init script for the clerk's window: each `assist.show` call frame, stamped as it is sent. */
export function socketProbeClerk(): void {
  const sent: Stamped[] = [];
  Object.assign(window, { __assistSent: sent });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (typeof data === 'string' && data.includes('"channel":"assist.show"'))
      sent.push({ at: performance.timeOrigin + performance.now(), data });
    send.call(this, data);
  };
}

/** Init script for the customer's window: each `assist.view` event frame, stamped as it arrives (before the app's handler). */
export function socketProbeCustomer(): void {
  const received: Stamped[] = [];
  Object.assign(window, { __assistReceived: received });
  window.WebSocket = new Proxy(window.WebSocket, {
    construct(Native, args: ConstructorParameters<typeof WebSocket>) {
      const socket = new Native(...args);
      socket.addEventListener('message', (message: MessageEvent) => {
        if (typeof message.data === 'string' && message.data.includes('"event":"assist.view"'))
          received.push({ at: performance.timeOrigin + performance.now(), data: message.data });
      });
      return socket;
    },
  });
}

/** The clerk's keystrokes: each keydown's own timestamp, on the wall clock. */
export async function installKeyProbe(counter: Page): Promise<void> {
  await counter.evaluate(() => {
    const keys: number[] = [];
    Object.assign(window, { __assistKeys: keys });
    document.addEventListener('keydown', (event) => keys.push(performance.timeOrigin + event.timeStamp), true);
  });
}

/** On the customer page: when the field `id` first shows each value (DOM), and the frame after. */
export async function installMirrorProbe(customer: Page, id: string): Promise<void> {
  await customer.evaluate((fieldId) => {
    const seen = new Map<string, number>();
    const frames = new Map<string, number>();
    const field = {
      read() {
        return (document.getElementById(fieldId) as HTMLInputElement | null)?.value;
      },
    };
    let last = field.read();
    new MutationObserver(() => {
      const value = field.read();
      if (value === undefined || value === last) return;
      last = value;
      if (seen.has(value)) return;
      seen.set(value, performance.timeOrigin + performance.now());
      requestAnimationFrame(() => frames.set(value, performance.timeOrigin + performance.now()));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    Object.assign(window, { __assistMirror: { seen, frames } });
  }, id);
}

/** Forgets what the probes saw (the field is about to take values it had before). */
export async function resetProbes(counter: Page, customer: Page): Promise<void> {
  await counter.evaluate(() => {
    const probe = window as unknown as ProbeWindow;
    probe.__assistKeys.length = 0;
    probe.__assistSent.length = 0;
  });
  await customer.evaluate(() => {
    const probe = window as unknown as ProbeWindow;
    probe.__assistMirror.seen.clear();
    probe.__assistMirror.frames.clear();
    probe.__assistReceived.length = 0;
  });
}

/** Waits until the customer page's field shows `value`. */
export async function mirrored(customer: Page, value: string): Promise<void> {
  await customer.waitForFunction(
    (expected) => (window as unknown as ProbeWindow).__assistMirror.seen.has(expected),
    value,
    { timeout: 10_000 },
  );
}

export interface MirrorTiming {
  /** The clerk's last keydown. */
  readonly keyAt: number;
  /** The clerk's page sent the view with this draft. */
  readonly sentAt: number;
  /** The customer page received it. */
  readonly receivedAt: number;
  /** The customer page's DOM showed it. */
  readonly domAt: number;
  /** The first animation frame after that. */
  readonly frameAt: number;
}

/** What the probes saw of the draft `value`: the last keystroke, the frames, the customer's DOM. */
export async function mirrorTiming(counter: Page, customer: Page, value: string): Promise<MirrorTiming> {
  const clerk = await counter.evaluate((draft) => {
    const probe = window as unknown as ProbeWindow;
    const frame = probe.__assistSent.find((one) => JSON.parse(one.data).payload?.view?.draft === draft);
    return { keyAt: probe.__assistKeys.at(-1) ?? NaN, sentAt: frame?.at ?? NaN };
  }, value);
  await customer.waitForFunction((draft) => (window as unknown as ProbeWindow).__assistMirror.frames.has(draft), value);
  const visitor = await customer.evaluate((draft) => {
    const probe = window as unknown as ProbeWindow;
    const frame = probe.__assistReceived.find((one) => JSON.parse(one.data).payload?.view?.draft === draft);
    return {
      receivedAt: frame?.at ?? NaN,
      domAt: probe.__assistMirror.seen.get(draft)!,
      frameAt: probe.__assistMirror.frames.get(draft)!,
    };
  }, value);
  return { ...clerk, ...visitor };
}

/**
 * The page's `performance.timeOrigin + performance.now()` minus its `Date.now()`, averaged over
 * 50 ms of reads (Date.now() counts whole milliseconds: the bias is the same in every page).
 */
export async function clockOffset(page: Page): Promise<number> {
  return page.evaluate(() => {
    let sum = 0;
    let count = 0;
    const end = performance.now() + 50;
    while (performance.now() < end) {
      sum += performance.timeOrigin + performance.now() - Date.now();
      count++;
    }
    return sum / count;
  });
}
