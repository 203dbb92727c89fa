import type { BytePort } from './byte-port';
import { PortListeners } from './listeners';

/**
 * Two BytePorts joined back to back in memory: what one writes, the other receives. For unit tests
 * of drivers against simulators, where a pseudo-terminal would only add time. Delivery is
 * asynchronous (a microtask later), so a driver that registers its listener after writing fails
 * here as it would on a real line. `unplug()` closes both ends with an error, like a pulled cable.
 */
export interface MemoryPortPair {
  readonly app: BytePort;
  readonly device: BytePort;
  /** Every chunk the app end wrote, in order, for assertions about what went on the line. */
  readonly appWrites: readonly Uint8Array[];
  unplug(): void;
}

class MemoryBytePort extends PortListeners implements BytePort {
  readonly description: string;
  #open = false;
  #closedForGood = false;
  #peer: MemoryBytePort | undefined;
  readonly #onWrite: (data: Uint8Array) => void;

  constructor(description: string, onWrite: (data: Uint8Array) => void = () => undefined) {
    super();
    this.description = description;
    this.#onWrite = onWrite;
  }

  connect(peer: MemoryBytePort): void {
    this.#peer = peer;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  async open(): Promise<void> {
    if (this.#closedForGood) throw new Error(`${this.description} was unplugged`);
    this.#open = true;
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.#open) throw new Error(`${this.description} is not open`);
    const copy = data.slice();
    this.#onWrite(copy);
    const peer = this.#peer;
    await Promise.resolve();
    if (peer?.isOpen) peer.deliver(copy);
  }

  deliver(chunk: Uint8Array): void {
    this.dataListeners.emit(chunk);
  }

  async close(): Promise<void> {
    this.shut(undefined);
  }

  shut(error: Error | undefined): void {
    if (!this.#open) return;
    this.#open = false;
    if (error) this.#closedForGood = true;
    this.closeListeners.emit(error);
  }
}

/** Both ends start open. */
export function createMemoryPortPair(name = 'memory'): MemoryPortPair {
  const appWrites: Uint8Array[] = [];
  const app = new MemoryBytePort(`${name}:app`, (data) => appWrites.push(data));
  const device = new MemoryBytePort(`${name}:device`);
  app.connect(device);
  device.connect(app);
  void app.open();
  void device.open();
  return {
    app,
    device,
    appWrites,
    unplug: () => {
      const error = new Error('Cable unplugged');
      app.shut(error);
      device.shut(error);
    },
  };
}
