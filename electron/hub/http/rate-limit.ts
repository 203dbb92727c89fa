/**
 * How often one address may ask the hub's public routes (the booking page, a ticket's status): a
 * token bucket per address, in memory. A bucket holds `perMinute` requests and refills at that
 * rate, so a resident clicking about is never stopped while a script that books slot after slot,
 * or guesses manage keys, is. Each hub node keeps its own buckets; behind a proxy every resident
 * shares the proxy's address, so there raise the limit (OKIENKO_HUB_PUBLIC_RATE) or set it to 0 and
 * limit at the proxy.
 */
import type http from 'node:http';

/** Public writes (book, move, cancel) per minute per address. */
export const PUBLIC_WRITES_PER_MINUTE = 30;
/** Reads (slots, a booking, its calendar file) may come this many times as often. */
export const READS_PER_WRITE = 4;
/** Past this many addresses, buckets that are full again are forgotten. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  /** `perMinute` 0 (or less) lets everything through. */
  constructor(readonly perMinute: number) {}

  /** Whether `key` may make one more request at `now`; takes it from the bucket when so. */
  take(key: string, now: number): boolean {
    if (this.perMinute <= 0) return true;
    const bucket = this.#refilled(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Milliseconds until `key` has a request again (0 when it has one now). */
  waitMs(key: string, now: number): number {
    if (this.perMinute <= 0) return 0;
    const bucket = this.#refilled(key, now);
    return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) * 60_000) / this.perMinute);
  }

  #refilled(key: string, now: number): Bucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#forgetFull(now);
      bucket = { tokens: this.perMinute, at: now };
      this.#buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (elapsed * this.perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  /** Buckets that would be full by now hold nothing worth remembering. */
  #forgetFull(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000 >= this.perMinute) this.#buckets.delete(key);
    }
  }
}

/** The public routes' two limits: writes, and reads at READS_PER_WRITE times the rate. */
export interface PublicLimits {
  readonly reads: RateLimiter;
  readonly writes: RateLimiter;
}

export function publicLimits(writesPerMinute: number = PUBLIC_WRITES_PER_MINUTE): PublicLimits {
  return { reads: new RateLimiter(writesPerMinute * READS_PER_WRITE), writes: new RateLimiter(writesPerMinute) };
}

/** The address a request came from, as the limits count it. */
export function clientAddress(request: http.IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}
