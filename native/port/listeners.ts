/**
 * A set of listeners to tell something, as every port and driver keeps for its data and close
 * events: `add` returns the unsubscribe function, `emit` calls each listener present when it
 * starts (one that unsubscribes another mid-way does not skip it). Runs anywhere.
 */
export class Listeners<A extends unknown[]> {
  readonly #listeners = new Set<(...args: A) => void>();

  add(listener: (...args: A) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  emit(...args: A): void {
    for (const listener of [...this.#listeners]) listener(...args);
  }

  clear(): void {
    this.#listeners.clear();
  }
}
