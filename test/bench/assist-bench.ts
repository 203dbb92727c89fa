/**
 * Assisted e-services (`BENCH_ONLY=assist`): the browser host with its station, the counter's
 * window and the visitor's screen in two windows of Debian's Chromium (a tab behind another in one
 * window has its timers slowed), the renderer built in bench mode as the queue bench builds it.
 *   1. a change on the clerk's screen seen on the customer screen of the same workstation, p95
 *      ≤ 100 ms: the clerk types one character at a time into a text question's answer (the
 *      draft is mirrored); from the keystroke (the keydown's own timestamp in the clerk's page) to
 *      the customer page's DOM holding the new text (a MutationObserver there). Both pages read
 *      `performance.timeOrigin + performance.now()`, one machine's wall clock; their skew is
 *      measured and reported. The WebSocket frames are timestamped in both pages too, for the
 *      split: the clerk's page until it sends `assist.show`, the station's relay until the
 *      customer page receives `assist.view`, the customer page until its DOM shows it;
 *   2. the next page shown after "Dalej", p95 ≤ 50 ms: on every question page of every shipped
 *      e-service, answered, "Dalej" is clicked inside the clerk's page and timed with
 *      `performance.now()` until a MutationObserver sees the next page's heading; then "Wstecz"
 *      (timed too) and "Dalej" again, the same answer kept.
 */
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import type { EServiceDefinition } from '../../electron/common/eservices/definition';
import { loadDefinitions } from '../../electron/station/eservices/load';
import { SHIPPED_DEFINITIONS } from '../../electron/station/eservices/folders';
import { addLocalAccount } from '../support/accounts';
import { currentStep, fillAnswer, IDENTITY_LABELS, pageHeading, sampleAnswer, VISITOR } from '../support/assist-driver';
import { openPage, signIn, takeTicketAt } from '../support/pages';
import { startE2eStation } from '../support/e2e-station';
import { benchRenderer } from './bench-renderer';
import {
  clockOffset,
  installKeyProbe,
  installMirrorProbe,
  mirrored,
  mirrorTiming,
  resetProbes,
  socketProbeClerk,
  socketProbeCustomer,
  type MirrorTiming,
} from '../support/assist-probes';

export const ASSIST_MIRROR_RUNS = Number(process.env.BENCH_ASSIST_MIRROR_RUNS ?? 60);
const MIRROR_WARM_UP = 10;
/** "Dalej" clicks dropped at the start: an even number (they alternate between a new answer and the same one). */
const NEXT_WARM_UP = 4;
const PAUSE_MS = 100;
const COUNTER = 4;
const CLERK = 'ewa';
const TODAY = new Date().toISOString().slice(0, 10);
/** The e-service and the text question typed into for the mirror figure. */
const MIRROR_ESERVICE = 'profil-zaufany';
const MIRROR_STEP = 'login';
/** Every keystroke makes a new value (a prefix of this), so each is told apart on the customer screen. */
const TYPED = 'abcdefghijklmnopqrstuvwxyz0123';

interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export interface AssistFigures {
  readonly mirrorMs: Summary & { goalP95: number; nextFrame: Summary };
  /** Where the mirror's time goes: the clerk's page, the station's relay, the customer page. */
  readonly mirrorSplitMs: { keyToSent: Summary; sentToReceived: Summary; receivedToDom: Summary };
  readonly nextPageMs: Summary & {
    goalP95: number;
    nextFrame: Summary;
    /** The first change of the clerk's DOM after the click (see ClickTiming). */
    firstChange: Summary;
    /** A new answer kept, and the same answer kept again after "Wstecz". */
    newAnswer: Summary;
    sameAnswer: Summary;
    questionPages: number;
    sessions: number;
  };
  readonly backPageMs: Summary;
  /** The customer page's clock minus the clerk page's (timeOrigin + now), ms. */
  readonly clockSkewMs: number;
  readonly loadAverage: { before: number[]; after: number[] };
}

function summary(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { n: values.length, p50: round(at(50)), p95: round(at(95)), max: round(sorted.at(-1)!) };
}

const round = (value: number) => Number(value.toFixed(1));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Screens {
  readonly kiosk: Page;
  readonly counter: Page;
  readonly customer: Page;
}

interface Workstation {
  readonly screens: Screens;
  stop(): Promise<void>;
}

/** The host on its own data folder (the clerk's account, idle lock after an hour), the simulator for the kiosk's printer. */
async function startWorkstation(rendererDir: string): Promise<Workstation> {
  const station = await startE2eStation(
    'bench-assist',
    () => [],
    { stationId: 'bench-assist', signIn: { reauthMinutes: 30, idleLockMinutes: 60, offlineDays: 7 } },
    (dataDir) => addLocalAccount(dataDir, CLERK, ['clerk'], { displayName: 'Ewa Zielińska' }),
    { OKIENKO_RENDERER_DIR: rendererDir },
  );
  try {
    return { screens: await openScreens(station.browser, station.host.url), stop: station.stop };
  } catch (error) {
    await station.stop();
    throw error;
  }
}

/** The kiosk and the counter share a window (and the workstation's database); the visitor's screen has its own. */
async function openScreens(browser: Browser, url: string): Promise<Screens> {
  const viewport = { width: 1280, height: 900 };
  const clerkWindow = await browser.newContext({ viewport });
  await clerkWindow.addInitScript(socketProbeClerk);
  const customerWindow = await browser.newContext({ viewport });
  await customerWindow.addInitScript(socketProbeCustomer);
  const kiosk = await openPage(clerkWindow, `${url}#/kiosk`, 'kiosk');
  const counter = await openPage(clerkWindow, `${url}#/counter/${COUNTER}`, 'counter');
  const customer = await openPage(customerWindow, `${url}#/customer/${COUNTER}`, 'customer');
  await signIn(counter, CLERK);
  await counter.getByRole('button', { name: 'Otwórz stanowisko' }).click();
  await counter.getByText('Stanowisko otwarte').waitFor();
  return { kiosk, counter, customer };
}

/** A visitor takes a ticket for the e-services desk; the clerk calls them and starts `definition`. */
async function startEService({ kiosk, counter, customer }: Screens, definition: EServiceDefinition): Promise<void> {
  const number = await takeTicketAt(kiosk, 'Profil Zaufany i e-usługi');
  await counter.bringToFront();
  await counter.getByRole('button', { name: /^Wywołaj następnego/ }).click();
  await counter.locator('.counter-number', { hasText: number }).waitFor();
  await counter.getByRole('button', { name: /^Rozpocznij obsługę/ }).click();
  await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).click();
  await counter.getByRole('checkbox', { name: 'Klient się zgadza' }).check();
  await counter.getByRole('button', { name: 'Dalej', exact: true }).click();
  await counter.locator('.assist-question').filter({ hasNotText: 'Zanim zaczniemy' }).first().waitFor();
  if ((await pageHeading(counter)) === 'Dane klienta') await fillIdentity(counter, customer, definition);
}

async function fillIdentity(counter: Page, customer: Page, definition: EServiceDefinition): Promise<void> {
  await customer.getByRole('heading', { level: 1, name: 'Twoje dane' }).waitFor();
  for (const field of definition.identity)
    await counter.getByLabel(IDENTITY_LABELS[field], { exact: true }).fill(VISITOR[field]);
  await counter.getByRole('button', { name: 'Dalej', exact: true }).click();
  await counter.locator('.assist-question').filter({ hasNotText: 'Dane klienta' }).first().waitFor();
}

/** The session abandoned (nothing is kept but the statistics) and the visit closed. */
async function endVisit(counter: Page): Promise<void> {
  await counter.getByRole('button', { name: 'Przerwij', exact: true }).click();
  await counter.getByRole('button', { name: 'Przerwij sesję' }).click();
  await counter.getByRole('button', { name: /^Zakończ obsługę/ }).click();
  await counter.getByRole('button', { name: /^Wywołaj następnego/ }).waitFor();
}

interface ClickTiming {
  readonly dom: number;
  readonly frame: number;
  /**
   * The first change of the clerk's DOM after the click, whatever it was: after "Dalej" on a
   * question page, the same page drawn again once its answer is kept (the page is a second write).
   */
  readonly firstChange: number;
}

/**
 * Clicks the page's "Dalej" or "Wstecz" inside the clerk's page and times it until its heading
 * changes (the next page is in the DOM; no two pages of an e-service share one), and until the
 * frame after.
 */
async function timeClick(counter: Page, button: '.assist-continue' | '.assist-back'): Promise<ClickTiming> {
  return counter.evaluate(async (selector) => {
    // A method, not an arrow constant: see assist-probes.ts on tsx's keepNames.
    const page = {
      heading() {
        return document.querySelector('.assist-question, #assist-done-title')?.textContent ?? '';
      },
    };
    const before = page.heading();
    const target = document.querySelector<HTMLButtonElement>(`.assist-page ${selector}`);
    if (!target) throw new Error(`no ${selector} on the page`);
    return new Promise<ClickTiming>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the page did not change after ${selector}`)), 10_000);
      let firstChange = NaN;
      const observer = new MutationObserver(() => {
        if (Number.isNaN(firstChange)) firstChange = performance.now() - start;
        const now = page.heading();
        if (now === before || now === '') return;
        const dom = performance.now() - start;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve({ dom, frame: performance.now() - start, firstChange }));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const start = performance.now();
      target.click();
    });
  }, button);
}

interface Samples {
  readonly next: ClickTiming[];
  readonly back: ClickTiming[];
  readonly mirror: MirrorTiming[];
  questionPages: number;
}

/** Each question page answered, then "Dalej", "Wstecz" and "Dalej" again, timed; until the check page. */
async function walkTimingPages(screens: Screens, definition: EServiceDefinition, samples: Samples): Promise<void> {
  const { counter } = screens;
  for (let guard = 0; guard < 60; guard++) {
    await pageHeading(counter);
    const step = await currentStep(counter, definition);
    if (!step) return;
    if (definition.id === MIRROR_ESERVICE && step.id === MIRROR_STEP)
      samples.mirror.push(...(await timeMirror(screens, step.id)));
    await fillAnswer(counter, step, sampleAnswer(step.question, TODAY), 'pl');
    await pause(PAUSE_MS);
    samples.next.push(await timeClick(counter, '.assist-continue'));
    await pause(PAUSE_MS);
    samples.back.push(await timeClick(counter, '.assist-back'));
    await pause(PAUSE_MS);
    samples.next.push(await timeClick(counter, '.assist-continue'));
    samples.questionPages++;
    await pause(PAUSE_MS);
  }
  throw new Error(`${definition.id}: no end after 60 pages`);
}

/**
 * The clerk types into the answer of question `stepId`, one character at a time, each after the
 * last one showed on the customer screen and a pause; the field is emptied when `TYPED` is used up.
 */
async function timeMirror({ counter, customer }: Screens, stepId: string): Promise<MirrorTiming[]> {
  const field = counter.locator(`#q-${stepId}-input`);
  await customer.locator(`#c-${stepId}-input`).waitFor();
  await installKeyProbe(counter);
  await installMirrorProbe(customer, `c-${stepId}-input`);
  await field.fill('');
  await field.focus();
  const timings: MirrorTiming[] = [];
  let typed = '';
  for (let run = 0; run < MIRROR_WARM_UP + ASSIST_MIRROR_RUNS; run++) {
    if (typed.length === TYPED.length) {
      await field.fill('');
      await mirrored(customer, '');
      await resetProbes(counter, customer);
      await field.focus();
      typed = '';
    }
    typed += TYPED[typed.length]!;
    await counter.keyboard.type(typed.at(-1)!);
    await mirrored(customer, typed);
    const timing = await mirrorTiming(counter, customer, typed);
    if (run >= MIRROR_WARM_UP) timings.push(timing);
    await pause(PAUSE_MS);
  }
  return timings;
}

/** Shipped e-services, the one the mirror is typed in first. */
async function shippedDefinitions(): Promise<EServiceDefinition[]> {
  const { definitions } = await loadDefinitions([SHIPPED_DEFINITIONS]);
  return [...definitions].sort((a, b) => Number(b.id === MIRROR_ESERVICE) - Number(a.id === MIRROR_ESERVICE));
}

export async function runAssistBench(log: (line: string) => void): Promise<AssistFigures> {
  const before = loadavg();
  log('  building the renderer in bench mode…');
  const rendererDir = benchRenderer();
  const definitions = await shippedDefinitions();
  const workstation = await startWorkstation(rendererDir);
  try {
    const { counter, customer } = workstation.screens;
    const clockSkewMs = (await clockOffset(customer)) - (await clockOffset(counter));
    const samples: Samples = { next: [], back: [], mirror: [], questionPages: 0 };
    for (const definition of definitions) {
      log(`  ${definition.id}: every question page, "Dalej", "Wstecz", "Dalej"…`);
      await startEService(workstation.screens, definition);
      await walkTimingPages(workstation.screens, definition, samples);
      await endVisit(counter);
    }
    return figures(samples, definitions.length, clockSkewMs, before);
  } finally {
    await workstation.stop();
  }
}

function figures(samples: Samples, sessions: number, clockSkewMs: number, before: number[]): AssistFigures {
  const { mirror } = samples;
  if (mirror.length === 0) throw new Error(`no mirror samples: ${MIRROR_ESERVICE} asked no "${MIRROR_STEP}"`);
  const next = samples.next.slice(NEXT_WARM_UP);
  return {
    mirrorMs: {
      ...summary(mirror.map((one) => one.domAt - one.keyAt)),
      goalP95: 100,
      nextFrame: summary(mirror.map((one) => one.frameAt - one.keyAt)),
    },
    mirrorSplitMs: {
      keyToSent: summary(mirror.map((one) => one.sentAt - one.keyAt)),
      sentToReceived: summary(mirror.map((one) => one.receivedAt - one.sentAt)),
      receivedToDom: summary(mirror.map((one) => one.domAt - one.receivedAt)),
    },
    nextPageMs: {
      ...summary(next.map((one) => one.dom)),
      goalP95: 50,
      nextFrame: summary(next.map((one) => one.frame)),
      firstChange: summary(next.map((one) => one.firstChange)),
      newAnswer: summary(next.filter((_, index) => index % 2 === 0).map((one) => one.dom)),
      sameAnswer: summary(next.filter((_, index) => index % 2 === 1).map((one) => one.dom)),
      questionPages: samples.questionPages,
      sessions,
    },
    backPageMs: summary(samples.back.map((one) => one.dom)),
    clockSkewMs: Number(clockSkewMs.toFixed(2)),
    loadAverage: { before: before.map(round), after: loadavg().map(round) },
  };
}

/** The figures as `npm run bench` prints them. */
export function assistLines(figures: AssistFigures): string[] {
  const meets = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  const { mirrorMs: mirror, mirrorSplitMs: split, nextPageMs: next, backPageMs: back } = figures;
  return [
    `clerk's change → customer screen (DOM): p50 ${mirror.p50} ms, p95 ${mirror.p95} ms, max ${mirror.max} ms over ${mirror.n} keystrokes (${meets(mirror.p95 <= 100)} the goal ≤ 100); next frame p95 ${mirror.nextFrame.p95} ms`,
    `  of which p50/p95: clerk's page ${split.keyToSent.p50}/${split.keyToSent.p95} ms, relay ${split.sentToReceived.p50}/${split.sentToReceived.p95} ms, customer page ${split.receivedToDom.p50}/${split.receivedToDom.p95} ms (clock skew between the windows ${figures.clockSkewMs} ms)`,
    `"Dalej" → next page (DOM): p50 ${next.p50} ms, p95 ${next.p95} ms, max ${next.max} ms over ${next.n} clicks on ${next.questionPages} question pages of ${next.sessions} e-services (${meets(next.p95 <= 50)} the goal ≤ 50); next frame p95 ${next.nextFrame.p95} ms`,
    `  a new answer p50/p95 ${next.newAnswer.p50}/${next.newAnswer.p95} ms, the same again ${next.sameAnswer.p50}/${next.sameAnswer.p95} ms; the page first redrawn (answer kept, same page) at p50 ${next.firstChange.p50} ms; "Wstecz" p50 ${back.p50} ms, p95 ${back.p95} ms`,
  ];
}
