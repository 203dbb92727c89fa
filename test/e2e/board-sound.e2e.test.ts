/**
 * The board's sound (issue 13): in a window where autoplay is allowed — as Electron's board window
 * sets it (`autoplayPolicy: 'no-user-gesture-required'`, electron/shell/windows.ts), here Chromium
 * launched with `--autoplay-policy=no-user-gesture-required` — the chime and the speech play with
 * no click, and the call is logged as announced only after its speech ended. Where a click is
 * needed, the board says so until sound is on, and reads nothing before.
 *
 * Speech: the stand-in voice (test/support/speech-standin.ts), which ends each utterance 1.5 s
 * after it starts. The audio is Chromium's own AudioContext — but headless Chromium allows autoplay
 * whatever `--autoplay-policy` says (checked with Chromium 156: `new AudioContext().state` is
 * `running` and `HTMLMediaElement.play()` resolves with no gesture under every policy). So the
 * window that needs a click gets, in an init script, the default policy's behaviour of Web Audio
 * (suspended, and `resume()` pending, until the page has had a user activation); a headful
 * Chromium under a display would need none of it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2eStation, type E2eStation } from '../support/e2e-station';
import { expectAxeAtBothZooms, openCounter, openPage, screenshotIfFailed, takeTicketAt } from '../support/pages';
import { CHROMIUM_ARGS } from '../support/processes';
import { installSpeechStandIn, spokenOn } from '../support/speech-standin';

const VOICE_MS = 1500;
/**
 * The default autoplay policy's Web Audio, which headless Chromium does not apply (see above): a
 * context is suspended, and resuming it waits, until a person pressed something on the page. A
 * trusted press, not \`navigator.userActivation\`: Playwright evaluates its locators with a user
 * gesture, which would count as one. Plain JavaScript, as the page runs it (a compiled function
 * would carry the test runner's helpers).
 */
const DEFAULT_POLICY_WEB_AUDIO = `{
  const Real = window.AudioContext;
  let pressed = false;
  for (const type of ['pointerdown', 'keydown'])
    window.addEventListener(type, (event) => { if (event.isTrusted) pressed = true; }, true);
  const allowed = () => pressed;
  window.AudioContext = class extends Real {
    get state() { return allowed() ? super.state : 'suspended'; }
    resume() { return allowed() ? super.resume() : new Promise(() => {}); }
  };
}`;
/**
 * Every tone the page starts, with its pitch and when: the chime is two oscillators (880 Hz, then
 * 660 Hz). What comes out of the speakers is not heard here; that the board started the chime, and
 * when, is.
 */
const CHIME_RECORDER = `{
  window.__tones = [];
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__tones.push({ frequency: this.frequency.value, at: Date.now() });
    return start.apply(this, args);
  };
}`;
const tonesOn = (page: Page) =>
  page.evaluate(() => (window as unknown as { __tones: { frequency: number; at: number }[] }).__tones);
const SOUND_NEEDED = 'Dźwięk jest wyłączony: ta przeglądarka odtworzy go dopiero po kliknięciu.';

let station: E2eStation;
let autoplay: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  station = await startE2eStation('e2e-board-sound');
  autoplay = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
});

afterEach(async (test) => {
  await screenshotIfFailed(test, context, station.shots);
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await autoplay?.close();
  await station?.stop();
});

async function newContext(browser: Browser): Promise<BrowserContext> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await installSpeechStandIn(context, VOICE_MS);
  await context.addInitScript({ content: CHIME_RECORDER });
  return context;
}

const open = (route: string) => openPage(context!, `${station.host.url}#/${route}`, route);
const readOut = (board: Page) =>
  board.getByRole('log', { name: 'Odczytane wywołania' }).getByRole('listitem').allTextContents();
const announcement = (number: string, counter: number): string =>
  `Numer ${number[0]} ${number.slice(1)}, stanowisko ${counter}.`;

/** A visitor takes a ticket and the clerk at `counter` calls it; resolves to its number. */
async function callAt(kiosk: Page, counter: number): Promise<string> {
  const number = await takeTicketAt(kiosk, 'Prawa jazdy');
  const page = await open(`counter/${counter}`);
  await openCounter(page);
  await page.getByRole('button', { name: /Wywołaj następnego/ }).click();
  await page.getByRole('status').filter({ hasText: 'Wywołano' }).waitFor();
  return number;
}

describe("the board's sound", () => {
  it('where autoplay is allowed: chime and speech with no click, the call logged only after its speech ended', async () => {
    await newContext(autoplay);
    const board = await open('board');
    await board.getByRole('button', { name: 'Wycisz' }).waitFor();
    expect(await board.getByText(SOUND_NEEDED).count()).toBe(0);

    const kiosk = await open('kiosk');
    const number = await callAt(kiosk, 1);
    const text = announcement(number, 1);
    await expect
      .poll(async () => (await spokenOn(board)).map((utterance) => utterance.text), { timeout: 10_000 })
      .toEqual([text]);
    // Being spoken, not yet ended: not an announcement yet.
    expect(await readOut(board)).toEqual([]);
    await expect.poll(() => readOut(board), { timeout: 10_000 }).toEqual([text]);
    const [utterance] = await spokenOn(board);
    expect(utterance?.endedAt).toBeGreaterThanOrEqual((utterance?.startedAt ?? 0) + VOICE_MS);
    // The chime, with no click, before the words.
    const tones = await tonesOn(board);
    expect(tones.map((tone) => tone.frequency)).toEqual([880, 660]);
    expect(tones[0]!.at).toBeLessThanOrEqual(utterance!.startedAt);
  });

  it('where a click is needed: the board says so, reads nothing until sound is on, then reads', async () => {
    const clickNeeded = await newContext(station.browser);
    await clickNeeded.addInitScript({ content: DEFAULT_POLICY_WEB_AUDIO });
    const board = await open('board');
    await board.getByRole('status').filter({ hasText: SOUND_NEEDED }).waitFor();
    await expectAxeAtBothZooms(board, 'board asking for a click');
    await board.setViewportSize({ width: 1280, height: 900 });

    const kiosk = await open('kiosk');
    const unheard = await callAt(kiosk, 2);
    await board.getByRole('region', { name: 'Teraz zapraszamy' }).getByText(unheard).waitFor();
    await board.waitForTimeout(VOICE_MS + 500);
    expect(await spokenOn(board)).toEqual([]);
    expect(await readOut(board)).toEqual([]);
    expect(await tonesOn(board)).toEqual([]);

    await board.getByRole('button', { name: 'Włącz dźwięk' }).click();
    await board.getByRole('button', { name: 'Wycisz' }).waitFor();
    expect(await board.getByText(SOUND_NEEDED).count()).toBe(0);
    // The clerk calls the same visitor again: a new announcement, now heard.
    const counter = context!.pages().find((page) => page.url().endsWith('#/counter/2'))!;
    await counter.getByRole('button', { name: /Wywołaj ponownie/ }).click();
    await expect.poll(() => readOut(board), { timeout: 10_000 }).toEqual([announcement(unheard, 2)]);
    expect((await tonesOn(board)).map((tone) => tone.frequency)).toEqual([880, 660]);
  });
});
