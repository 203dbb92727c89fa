/**
 * The office's time as the hub knows it. A clerk PC may be minutes off (the tests put one 15
 * minutes ahead and one 9 behind); every time a workstation writes into a ticket — issued,
 * called, queued — comes from here, so a kiosk with a fast clock cannot push its visitors to the
 * back of the queue, nor a slow one to the front. Learned from the `x-okienko-time` header of every
 * hub response (the midpoint of the round trip, NTP-style), kept across restarts, and 0 until the
 * hub was reached once.
 */

export interface ClockCorrection {
  /** This computer's own clock, from which round trips are timed. */
  local(): number;
  /** A response sent at `sentAt` and received at `receivedAt` (local clock) carried the hub's `hubTime`. */
  observe(sentAt: number, hubTime: number, receivedAt: number): void;
}

export interface OffsetStore {
  load(): number | null;
  save(offset: number): void;
}

export class HubClock implements ClockCorrection {
  private offset: number;
  private bestRoundTrip = Infinity;
  private samples = 0;

  constructor(
    private readonly localClock: () => number = Date.now,
    private readonly store?: OffsetStore,
  ) {
    this.offset = store?.load() ?? 0;
  }

  local(): number {
    return this.localClock();
  }

  /** The corrected time, in epoch milliseconds. */
  now(): number {
    return this.localClock() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  observe(sentAt: number, hubTime: number, receivedAt: number): void {
    const roundTrip = receivedAt - sentAt;
    if (roundTrip < 0) return;
    const estimate = hubTime - (sentAt + roundTrip / 2);
    // Trust fast round trips most: a slow one's midpoint can be off by half its length. A fresh
    // sample still counts now and then, in case the local clock was set in the meantime.
    this.samples++;
    if (roundTrip <= this.bestRoundTrip * 1.5 || this.samples % 20 === 0) {
      this.bestRoundTrip = Math.min(this.bestRoundTrip, roundTrip);
      if (Math.abs(estimate - this.offset) > 1) {
        this.offset = Math.round(estimate);
        this.store?.save(this.offset);
      }
    }
  }
}
