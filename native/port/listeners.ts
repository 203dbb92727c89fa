/**
 * A set of listeners to tell something, as every port and driver keeps for its data and close
 * events: `add` returns the unsubscribe function, `emit` calls each listener present when it
 * starts (one that unsubscribes another mid-way does not skip it). A listener that throws does not
 * keep the others from hearing it — a driver's bug must not hide an unplug from the station; the
 * first error is thrown again once all have been called. Runs anywhere.
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
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.#listeners]) {
      try {
        listener(...args);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  clear(): void {
    this.#listeners.clear();
  }
}

/**
 * Calls each listener present when it starts. One that throws stops neither the others nor the
 * caller, whose bookkeeping must not be left half-done; its error still surfaces, thrown from a
 * timer. For drivers telling their owner about a read, a condition, a sample.
 */
export function notifyEach<A extends unknown[]>(listeners: Iterable<(...args: A) => void>, ...args: A): void {
  for (const listener of [...listeners]) {
    try {
      listener(...args);
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  }
}

/**
 * The two sets of listeners every BytePort keeps, and its `onData` and `onClose`: a port extends
 * this and emits received bytes to `dataListeners` and its close to `closeListeners`.
 */
export abstract class PortListeners {
  protected readonly dataListeners = new Listeners<[chunk: Uint8Array]>();
  protected readonly closeListeners = new Listeners<[error?: Error]>();

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.dataListeners.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.closeListeners.add(listener);
  }
}
