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

beforeEach(() => {
  vi.useFakeTimers();
  speaking = [];
  spoken.length = 0;
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  vi.stubGlobal('speechSynthesis', {
    getVoices: () => [{ lang: 'pl-PL', name: 'Polski' }],
    speak: (utterance: FakeUtterance) => {
      speaking.push(utterance);
      spoken.push(utterance.text);
    },
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the board announcer', () => {
  it('reads calls one after another, never cutting one off', async () => {
    const started: string[] = [];
    const announcer = new Announcer({ chime: false, onAnnounce: (a) => started.push(a.text) });
    announcer.enqueue({ text: 'Numer A 1, stanowisko 1.', lang: 'pl-PL' });
    announcer.enqueue({ text: 'Numer B 2, stanowisko 2.', lang: 'pl-PL' });
    await vi.advanceTimersByTimeAsync(0);
    expect(spoken).toEqual(['Numer A 1, stanowisko 1.']);
    expect(speaking[0]?.lang).toBe('pl-PL');
    expect(announcer.pending).toBe(2);

    speaking[0]?.onend?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(spoken).toEqual(['Numer A 1, stanowisko 1.', 'Numer B 2, stanowisko 2.']);
    speaking[1]?.onend?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(announcer.pending).toBe(0);
    expect(started).toEqual(spoken);
  });

  it('gives up on an utterance that never ends, so the queue cannot stall', async () => {
    const announcer = new Announcer({ chime: false });
    announcer.enqueue({ text: 'Numer C 3, stanowisko 3.', lang: 'pl-PL' });
    announcer.enqueue({ text: 'Numer C 4, stanowisko 4.', lang: 'pl-PL' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(spoken).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(spoken).toHaveLength(2);
  });

  it('when muted, still reports each call but does not speak', async () => {
    const started: string[] = [];
    const announcer = new Announcer({ chime: true, onAnnounce: (a) => started.push(a.text) });
    announcer.muted = true;
    announcer.enqueue({ text: 'Numer K 1, stanowisko 7.', lang: 'pl-PL' });
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['Numer K 1, stanowisko 7.']);
    expect(spoken).toEqual([]);
  });
});
