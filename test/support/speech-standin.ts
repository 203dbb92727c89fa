/**
 * A stand-in for the operating system's voice in e2e tests: headless Chromium here has no voices,
 * and its speech engine fails every utterance (`synthesis-failed`), which the board rightly does
 * not count as an announcement. Installed as an init script, it records each utterance in
 * `window.__spoken` (text, language, start and end time) and reports its end after `endAfterMs`,
 * as a voice would once it has finished speaking. Audio is not touched: the chime's AudioContext
 * is Chromium's own, under the window's real autoplay policy.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface SpokenUtterance {
  readonly text: string;
  readonly lang: string;
  readonly startedAt: number;
  endedAt?: number;
}

export async function installSpeechStandIn(target: BrowserContext | Page, endAfterMs = 50): Promise<void> {
  await target.addInitScript((delay: number) => {
    const spoken: SpokenUtterance[] = [];
    const engine = {
      speaking: false,
      pending: false,
      paused: false,
      onvoiceschanged: null,
      getVoices: () => [],
      speak(utterance: SpeechSynthesisUtterance) {
        const entry: SpokenUtterance = { text: utterance.text, lang: utterance.lang, startedAt: Date.now() };
        spoken.push(entry);
        setTimeout(() => {
          entry.endedAt = Date.now();
          utterance.onend?.call(utterance, new Event('end') as SpeechSynthesisEvent);
        }, delay);
      },
      cancel() {},
      pause() {},
      resume() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => true,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
    Object.defineProperty(window, '__spoken', { value: spoken, configurable: true });
  }, endAfterMs);
}

/** What the page's stand-in voice was asked to say so far. */
export async function spokenOn(page: Page): Promise<SpokenUtterance[]> {
  return page.evaluate(() => (window as unknown as { __spoken: SpokenUtterance[] }).__spoken);
}
