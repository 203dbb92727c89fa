import { SerialPort } from 'serialport';

/** One serial port as the system lists it. USB ids are 4 lowercase hex digits without `0x`. */
export interface SerialPortInfo {
  readonly path: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  readonly vendorId?: string;
  readonly productId?: string;
  readonly pnpId?: string;
}

export interface SerialPortListing {
  readonly ports: readonly SerialPortInfo[];
  /**
   * Why the list may be incomplete or empty: without `udevadm` (containers, minimal installs) the
   * listing rejects. A configured path still works then; the device screen says so.
   */
  readonly problem?: string;
}

/** Which device: USB vendor and product id, and its serial number when several are alike. */
export interface UsbIdentity {
  readonly vendorId: string;
  readonly productId: string;
  readonly serialNumber?: string | undefined;
}

/** A device to find: by USB identity (the port name may change), or by path. */
export type PortMatch = UsbIdentity | { readonly path: string };

type RawPortInfo = Awaited<ReturnType<typeof SerialPort.list>>[number];

/** `0x04B8`, `04b8`, `4b8` → `04b8`: ids as Linux lists them; other systems differ in case and prefix. */
export function normaliseUsbId(id: string): string {
  return id.trim().toLowerCase().replace(/^0x/, '').padStart(4, '0');
}

function fromRaw(raw: RawPortInfo): SerialPortInfo {
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const info: { -readonly [K in keyof SerialPortInfo]: SerialPortInfo[K] } = { path: raw.path };
  const manufacturer = text(raw.manufacturer);
  const serialNumber = text(raw.serialNumber);
  const vendorId = text(raw.vendorId);
  const productId = text(raw.productId);
  const pnpId = text(raw.pnpId);
  if (manufacturer) info.manufacturer = manufacturer;
  if (serialNumber) info.serialNumber = serialNumber;
  if (vendorId) info.vendorId = normaliseUsbId(vendorId);
  if (productId) info.productId = normaliseUsbId(productId);
  if (pnpId) info.pnpId = pnpId;
  return info;
}

/**
 * The serial ports the system knows, sorted by path. Never rejects: a failing listing (no
 * `udevadm`) gives an empty list and the reason. Pseudo-terminals never appear here.
 */
export async function listSerialPorts(
  list: () => Promise<RawPortInfo[]> = () => SerialPort.list(),
): Promise<SerialPortListing> {
  try {
    const ports = (await list()).map(fromRaw).sort((a, b) => a.path.localeCompare(b.path));
    return { ports };
  } catch (error) {
    return {
      ports: [],
      problem: `Serial ports cannot be listed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const sameId = (a: string | undefined, b: string): boolean =>
  a !== undefined && normaliseUsbId(a) === normaliseUsbId(b);

/** Every listed port that fits `match`; serial numbers compare exactly, ids without case or `0x`. */
export function matchingPorts(match: PortMatch, ports: readonly SerialPortInfo[]): SerialPortInfo[] {
  if ('path' in match) return ports.filter((port) => port.path === match.path);
  return ports.filter(
    (port) =>
      sameId(port.vendorId, match.vendorId) &&
      sameId(port.productId, match.productId) &&
      (match.serialNumber === undefined || match.serialNumber === '' || port.serialNumber === match.serialNumber),
  );
}

/**
 * The one port that fits, or undefined when none does or when several alike do and no serial
 * number tells them apart (printing on the wrong counter's printer is worse than not printing).
 */
export function matchPort(match: PortMatch, ports: readonly SerialPortInfo[]): SerialPortInfo | undefined {
  const found = matchingPorts(match, ports);
  return found.length === 1 ? found[0] : undefined;
}

export interface ResolvedPort {
  readonly path: string;
  /** How the path was chosen: the USB identity found it, or the configured path was taken. */
  readonly by: 'identity' | 'configured-path';
  /** Set when the identity was given but did not single out a port. */
  readonly note?: string;
}

/**
 * Where to open a configured device today: the port its USB identity names, else the configured
 * path (always allowed: pseudo-terminals and ports the listing cannot see).
 */
export function resolvePortPath(
  configured: { readonly path: string; readonly match?: UsbIdentity | undefined },
  ports: readonly SerialPortInfo[],
): ResolvedPort {
  const identity = configured.match;
  if (!identity) return { path: configured.path, by: 'configured-path' };
  const found = matchingPorts(identity, ports);
  const only = found.length === 1 ? found[0] : undefined;
  if (only) return { path: only.path, by: 'identity' };
  const id = `${normaliseUsbId(identity.vendorId)}:${normaliseUsbId(identity.productId)}${identity.serialNumber ? ` #${identity.serialNumber}` : ''}`;
  if (found.some((port) => port.path === configured.path)) {
    return {
      path: configured.path,
      by: 'configured-path',
      note: `${found.length} ports match ${id}; the configured one is used`,
    };
  }
  return {
    path: configured.path,
    by: 'configured-path',
    note:
      found.length === 0
        ? `No port matches ${id}`
        : `${found.length} ports match ${id}; add the serial number to choose one`,
  };
}

export interface SerialPortChanges {
  readonly added: readonly SerialPortInfo[];
  readonly removed: readonly SerialPortInfo[];
  /** The whole list now. */
  readonly ports: readonly SerialPortInfo[];
  readonly problem?: string;
}

export interface WatchSerialPortsOptions {
  /** Injected in tests. */
  readonly list?: () => Promise<SerialPortListing>;
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
}

const portKey = (port: SerialPortInfo): string =>
  [port.path, port.vendorId ?? '', port.productId ?? '', port.serialNumber ?? ''].join('\u0000');

/**
 * Polls the port list (there are no hot-plug events) and reports what came and went. The first
 * poll runs at once and reports every port as added. A listing problem is reported when it
 * appears or changes. Returns the function that stops watching.
 */
export function watchSerialPorts(
  intervalMs: number,
  listener: (changes: SerialPortChanges) => void,
  options: WatchSerialPortsOptions = {},
): () => void {
  const list = options.list ?? (() => listSerialPorts());
  const schedule = options.setTimeout ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const cancel = options.clearTimeout ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let known = new Map<string, SerialPortInfo>();
  let lastProblem: string | undefined;
  let first = true;
  let stopped = false;
  let timer: unknown;

  const poll = async (): Promise<void> => {
    const listing = await list().catch((error: unknown): SerialPortListing => ({ ports: [], problem: String(error) }));
    if (stopped) return;
    const now = new Map(listing.ports.map((port) => [portKey(port), port]));
    const added = [...now].filter(([key]) => !known.has(key)).map(([, port]) => port);
    const removed = [...known].filter(([key]) => !now.has(key)).map(([, port]) => port);
    const problemChanged = listing.problem !== lastProblem;
    known = now;
    lastProblem = listing.problem;
    if (first || added.length > 0 || removed.length > 0 || problemChanged) {
      first = false;
      listener({ added, removed, ports: listing.ports, ...(listing.problem ? { problem: listing.problem } : {}) });
    }
    if (!stopped) timer = schedule(() => void poll(), intervalMs);
  };
  void poll();
  return () => {
    stopped = true;
    if (timer !== undefined) cancel(timer);
  };
}
