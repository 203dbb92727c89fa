import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer } from '../../../../renderer/app/speech';

/**
 * Node has no Web Speech API, so this installs a stand-in for `speechSynthesis` that records what
 * is spoken and finishes an utterance only when the test says so — just enough to see whether
 * announcements wait for each other.
 */
class FakeUtterance {
  lang = '';
  rate = 1;
  voice: unknown = null;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

let speaking: FakeUtterance[] = [];
const spoken: string[] = [];

/** How often the engine was told to stop what it was saying. */
let cancelled = 0;

beforeEach(() => {
  vi.useFakeTimers();
  speaking = [];
  spoken.length = 0;
  cancelled = 0;
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  vi.stubGlobal('speechSynthesis', {
    getVoices: () => [{ lang: 'pl-PL', name: 'Polski' }],
    speak: (utterance: FakeUtterance) => {
      speaking.push(utterance);
      spoken.push(utterance.text);
    },
    cancel: () => void cancelled++,
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the board announcer', () => {
  it('reads calls one after another, never cutting one off, and counts each only once it ended', async () => {
    const done: string[] = [];
    const announcer = new Announcer({ chime: false, onSpoken: (a) => done.push(a.text) });
    const first = announcer.enqueue({ text: 'Numer A 1, stanowisko 1.', lang: 'pl-PL' });
    void announcer.enqueue({ text: 'Numer B 2, stanowisko 2.', lang: 'pl-PL' });
    await vi.advanceTimersByTimeAsync(0);
    expect(spoken).toEqual(['Numer A 1, stanowisko 1.']);
    expect(speaking[0]?.lang).toBe('pl-PL');
    expect(announcer.pending).toBe(2);
    expect(done).toEqual([]);

    speaking[0]?.onend?.();
    await expect(first).resolves.toBe(true);
    expect(done).toEqual(['Numer A 1, stanowisko 1.']);
    await vi.advanceTimersByTimeAsync(0);
    expect(spoken).toEqual(['Numer A 1, stanowisko 1.', 'Numer B 2, stanowisko 2.']);
    speaking[1]?.onend?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(announcer.pending).toBe(0);
    expect(done).toEqual(spoken);
  });

  it('gives up on an utterance that never ends, so the queue cannot stall, and does not count it', async () => {
    const done: string[] = [];
    const announcer = new Announcer({ chime: false, onSpoken: (a) => done.push(a.text) });
    const stuck = announcer.enqueue({ text: 'Numer C 3, stanowisko 3.', lang: 'pl-PL' });
    void announcer.enqueue({ text: 'Numer C 4, stanowisko 4.', lang: 'pl-PL' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(spoken).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(spoken).toHaveLength(2);
    await expect(stuck).resolves.toBe(false);
    expect(done).toEqual([]);
    // The stuck one was stopped, so the next is not spoken over it.
    expect(cancelled).toBe(1);
  });

  it('does not count an utterance the engine failed', async () => {
    const done: string[] = [];
    const announcer = new Announcer({ chime: false, onSpoken: (a) => done.push(a.text) });
    const failed = announcer.enqueue({ text: 'Numer D 5, stanowisko 1.', lang: 'pl-PL' });
    await vi.advanceTimersByTimeAsync(0);
    speaking[0]?.onerror?.();
    await expect(failed).resolves.toBe(false);
    expect(done).toEqual([]);
  });

  it('when muted, neither speaks nor counts a call', async () => {
    const done: string[] = [];
    const announcer = new Announcer({ chime: true, onSpoken: (a) => done.push(a.text) });
    announcer.setMuted(true);
    const muted = announcer.enqueue({ text: 'Numer K 1, stanowisko 7.', lang: 'pl-PL' });
    await expect(muted).resolves.toBe(false);
    expect(done).toEqual([]);
    expect(spoken).toEqual([]);
  });
});
