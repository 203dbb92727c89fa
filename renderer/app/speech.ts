/**
 * Spoken announcements and the chime, one after another. Peers let a new call cut off the one
 * being read, or stop announcing after a while; here every announcement waits its turn, and one
 * that never reports its end (no voice installed, a stuck speech engine) is given up after a
 * time proportional to its length, so the queue can never stall.
 *
 * An announcement counts as made only once the speech engine said it ended (`onSpoken`): one
 * skipped because sound is off, refused by the browser, failed or given up is not reported. Where
 * sound may play without a click (Electron's board window sets `autoplayPolicy`), `probe()` finds
 * the audio running and the board speaks at once; elsewhere it says a click is needed.
 */

export interface Announcement {
  readonly text: string;
  /** BCP 47, e.g. `pl-PL`. */
  readonly lang: string;
  /** false: no chime before it (the same notice read on in another language). */
  readonly chime?: boolean;
}

export interface AnnouncerOptions {
  readonly chime: boolean;
  /** Called when an announcement has been spoken to its end (for the visible log and for tests). */
  readonly onSpoken?: (announcement: Announcement) => void;
}

/** How long `probe` waits for a suspended audio context to start before deciding a click is needed. */
const PROBE_MS = 300;

interface Queued {
  readonly announcement: Announcement;
  readonly done: (spoken: boolean) => void;
}

export class Announcer {
  private readonly queue: Queued[] = [];
  private running = false;
  private audio: AudioContext | null = null;
  /** Off by a person's choice, or until the browser lets the page play sound. */
  muted = false;

  constructor(private readonly options: AnnouncerOptions) {}

  setMuted(muted: boolean): void {
    this.muted = muted;
  }

  /**
   * Whether sound may play now with no click: the page's audio starts (Chromium's autoplay policy
   * decides; Electron's board window allows it). A page with no Web Audio plays no chime and may speak.
   */
  async probe(): Promise<boolean> {
    const audio = this.audioContext();
    if (!audio) return true;
    if (audio.state !== 'running') await Promise.race([audio.resume().catch(() => undefined), delay(PROBE_MS)]);
    return audio.state === 'running';
  }

  /** Browsers allow sound only after a person interacted with the page: call from a click. */
  unlock(): void {
    void this.audioContext()?.resume();
  }

  /** Resolves true once the announcement was spoken to its end, false if it was not. */
  enqueue(announcement: Announcement): Promise<boolean> {
    return new Promise((done) => {
      this.queue.push({ announcement, done });
      if (!this.running) void this.run();
    });
  }

  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private audioContext(): AudioContext | null {
    this.audio ??= typeof AudioContext === 'undefined' ? null : new AudioContext();
    return this.audio;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (this.muted || (this.audio !== null && this.audio.state !== 'running')) {
          next.done(false);
          continue;
        }
        if (this.options.chime && next.announcement.chime !== false) await this.chime();
        const spoken = await speak(next.announcement);
        if (spoken) this.options.onSpoken?.(next.announcement);
        next.done(spoken);
      }
    } finally {
      this.running = false;
    }
  }

  private chime(): Promise<void> {
    const audio = this.audio;
    if (!audio || audio.state !== 'running') return Promise.resolve();
    const start = audio.currentTime + 0.02;
    // Two soft tones, the classic "ding-dong", loud enough across a room but not startling.
    for (const [offset, frequency] of [
      [0, 880],
      [0.35, 660],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.65);
    }
    return new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Resolves true when the engine reports the end of the utterance; false on an error or no end in time. */
export function speak(announcement: Announcement): Promise<boolean> {
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  if (!synth) return Promise.resolve(false);
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(announcement.text);
    utterance.lang = announcement.lang;
    const voice = synth
      .getVoices()
      .find((v) => v.lang.replace('_', '-').toLowerCase().startsWith(announcement.lang.slice(0, 2).toLowerCase()));
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9;
    // An engine that never ends is stopped, so the next announcement does not talk over it.
    const giveUp = setTimeout(
      () => {
        synth.cancel();
        done(false);
      },
      3000 + announcement.text.length * 120,
    );
    function done(ended: boolean) {
      clearTimeout(giveUp);
      resolve(ended);
    }
    utterance.onend = () => done(true);
    utterance.onerror = () => done(false);
    synth.speak(utterance);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const SPEECH_LANG = { pl: 'pl-PL', en: 'en-GB', uk: 'uk-UA' } as const;
