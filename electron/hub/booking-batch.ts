/**
 * Group commit: calls that arrive while a batch is being decided wait, and are then decided
 * together, in arrival order, by one `decide` — for bookings (bookings.ts) one transaction for many
 * residents instead of one each, all queueing for the same locks. One batch runs at a time. A call
 * in a quiet moment waits only a turn or two of the event loop; in a burst, a batch goes on
 * gathering while calls keep coming (`gather`). Each call gets its own answer or its own error:
 * `decide` settles them one by one, and what it throws fails only its batch.
 */

export type Decide<C, A> = (calls: readonly C[]) => Promise<PromiseSettledResult<A>[]>;

interface Waiting<C, A> {
  readonly call: C;
  readonly resolve: (answer: A) => void;
  readonly reject: (reason: unknown) => void;
}

/** How many calls one batch decides at most; the rest wait for the next. */
export const MAX_BATCH = 200;
/** How long a batch goes on gathering calls while they keep coming, from its first. */
export const GATHER_MS = 50;
/** Turns of the event loop without a new call after which a batch stops gathering. */
export const QUIET_TURNS = 2;

export class GroupCommit<C, A> {
  private waiting: Waiting<C, A>[] = [];
  private busy = false;

  constructor(private readonly decide: Decide<C, A>) {}

  /** The call's answer, once the batch it joins is decided. */
  submit(call: C): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      this.waiting.push({ call, resolve, reject });
      if (this.busy) return;
      this.busy = true;
      this.gather(performance.now());
    });
  }

  /**
   * Lets the event loop turn until QUIET_TURNS turns in a row bring no new call (or GATHER_MS
   * passed, or MAX_BATCH calls wait), then decides. A burst of residents arrives over many turns —
   * Node takes in about one new connection a turn, and on PGlite a batch holds the event loop while
   * it runs — so gathering is what makes one batch of a burst rather than one each.
   */
  private gather(since: number, seen = 0, quiet = 0): void {
    setImmediate(() => {
      const count = this.waiting.length;
      const turnsQuiet = count > seen ? 0 : quiet + 1;
      const full = count >= MAX_BATCH || performance.now() - since >= GATHER_MS;
      if (turnsQuiet < QUIET_TURNS && !full) this.gather(since, count, turnsQuiet);
      else void this.next();
    });
  }

  /** Decides the calls waiting, then gathers again for those that came meanwhile. */
  private async next(): Promise<void> {
    await this.run(this.waiting.splice(0, MAX_BATCH));
    if (this.waiting.length === 0) this.busy = false;
    else this.gather(performance.now(), this.waiting.length);
  }

  private async run(batch: readonly Waiting<C, A>[]): Promise<void> {
    let settled: PromiseSettledResult<A>[];
    try {
      settled = await this.decide(batch.map((waiting) => waiting.call));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = settled[index];
      if (outcome?.status === 'fulfilled') waiting.resolve(outcome.value);
      else waiting.reject(outcome ? outcome.reason : new Error('A batched call was left without an answer'));
    });
  }
}
