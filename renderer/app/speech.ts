/**
 * Spoken announcements and the chime, one after another. Peers let a new call cut off the one
 * being read, or stop announcing after a while; here every announcement waits its turn, and one
 * that never reports its end (no voice installed, a stuck speech engine) is given up after a
 * time proportional to its length, so the queue can never stall.
 */

export interface Announcement {
  readonly text: string;
  /** BCP 47, e.g. `pl-PL`. */
  readonly lang: string;
}

export interface AnnouncerOptions {
  readonly chime: boolean;
  /** Called when an announcement starts (for the visible live region and for tests). */
  readonly onAnnounce?: (announcement: Announcement) => void;
}

export class Announcer {
  private readonly queue: Announcement[] = [];
  private running = false;
  private audio: AudioContext | null = null;
  muted = false;

  constructor(private readonly options: AnnouncerOptions) {}

  /** Browsers allow sound only after a person interacted with the page: call from a click. */
  unlock(): void {
    this.audio ??= typeof AudioContext === 'undefined' ? null : new AudioContext();
    void this.audio?.resume();
  }

  enqueue(announcement: Announcement): void {
    this.queue.push(announcement);
    if (!this.running) void this.run();
  }

  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        this.options.onAnnounce?.(next);
        if (this.muted) continue;
        if (this.options.chime) await this.chime();
        await speak(next);
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

export function speak(announcement: Announcement): Promise<void> {
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  if (!synth) return Promise.resolve();
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(announcement.text);
    utterance.lang = announcement.lang;
    const voice = synth
      .getVoices()
      .find((v) => v.lang.replace('_', '-').toLowerCase().startsWith(announcement.lang.slice(0, 2).toLowerCase()));
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9;
    const giveUp = setTimeout(done, 3000 + announcement.text.length * 120);
    function done() {
      clearTimeout(giveUp);
      resolve();
    }
    utterance.onend = done;
    utterance.onerror = done;
    synth.speak(utterance);
  });
}

export const SPEECH_LANG = { pl: 'pl-PL', en: 'en-GB', uk: 'uk-UA' } as const;
