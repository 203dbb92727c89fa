/**
 * The real devices, wired for the composition root: serial ports and the ESC/POS driver. Tests
 * use the same code against simulators on socat pseudo-terminals, so this file stays thin.
 */
import type { BytePort } from '../../native/port/byte-port';
import { FileBytePort } from '../../native/port/file-byte-port';
import { SerialBytePort } from '../../native/port/serial-byte-port';
import { listSerialPorts, resolvePortPath } from '../../native/port/serial-ports';
import { parseTcpAddress, TcpBytePort } from '../../native/port/tcp-byte-port';
import { RobustTicketPrinter } from '../../native/printer/robust-printer';
import { layoutInit, layoutSelfTestPage, layoutTicket } from '../../native/printer/ticket.layout';
import { CaptureFailure } from '../../native/signature-pad/signature-pad';
import { TopazSignaturePad } from '../../native/signature-pad/signature-pad.driver';
import { signatureDigest, toSvg, withoutDynamics } from '../../native/signature-pad/signature.codec';
import type { Signature } from '../common/contract/devices';
import { ContractFailure } from '../common/contract/result';
import { MrzSwipeReader } from '../../native/id-reader/id-reader.driver';
import type { MrzReadResult } from '../../native/id-reader/mrz.codec';
import { visitorIdentityFromMrz } from '../common/domain/identity';
import type { IdReaderDevice, RawIdRead, SignaturePadDevice } from './device-manager';
import type { PrinterSettings } from '../common/contract/settings';
import type { StationDevices } from './station';

/** A pad's failure in the contract's words (the screen explains each to the clerk). */
function padFailure(error: unknown): never {
  if (error instanceof CaptureFailure) {
    if (error.reason === 'busy') throw new ContractFailure('DEVICE_BUSY', error.message);
    if (error.reason === 'empty') throw new ContractFailure('SIGNATURE_EMPTY', error.message);
    if (error.reason === 'cancelled') throw new ContractFailure('SIGNATURE_CANCELLED', error.message);
    throw new ContractFailure('DEVICE_DISCONNECTED', error.message);
  }
  throw error;
}

/** The driver's read-only signature as the contract's plain JSON. */
const plainSignature = (signature: {
  width: number;
  height: number;
  rate: number;
  strokes: readonly { samples: readonly Signature['strokes'][number]['samples'][number][] }[];
}): Signature => ({
  width: signature.width,
  height: signature.height,
  rate: signature.rate,
  strokes: signature.strokes.map((stroke) => ({ samples: stroke.samples.map((sample) => ({ ...sample })) })),
});

/** Today on this computer's calendar (YYYY-MM-DD), for expiry and birth-date checks. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A swipe as the screens get it: the visitor's identity (names, PESEL cross-checked against the
 * birth date and sex) with anything the clerk should look at, or which part of the swipe failed.
 */
export function rawIdRead(result: MrzReadResult, today: string): RawIdRead {
  if (!result.ok) return { ok: false, reason: result.reason, part: result.part };
  const { identity, problems } = visitorIdentityFromMrz(result.document, { today });
  return { ok: true, identity: { ...identity }, problems };
}

/** A fresh port for the printer, by its transport; the robust printer calls this on every reconnect. */
async function openPrinterPort(settings: PrinterSettings): Promise<BytePort> {
  if (settings.transport === 'tcp') {
    const port = new TcpBytePort(parseTcpAddress(settings.path));
    await port.open();
    return port;
  }
  if (settings.transport === 'file') {
    const port = new FileBytePort({ path: settings.path });
    await port.open();
    return port;
  }
  // A USB adapter may come back under another name after an unplug: look it up every time.
  const { ports } = await listSerialPorts();
  const { path } = resolvePortPath(settings, ports);
  const port = new SerialBytePort({ path, baudRate: settings.baudRate, rtscts: settings.rtscts });
  await port.open();
  return port;
}

export const realDevices: StationDevices = {
  async openPrinter(settings) {
    const layout = { model: settings.model, columns: settings.columns };
    // Returned at once: it connects (and reconnects, with back-off) by itself, and a ticket asked
    // for meanwhile is refused as "printer not answering" rather than waiting on a dead line.
    return new RobustTicketPrinter({
      open: () => openPrinterPort(settings),
      init: layoutInit(layout),
      description:
        settings.transport === 'serial'
          ? `${settings.path} @ ${settings.baudRate}`
          : `${settings.transport}:${settings.path}`,
      ...(settings.transport === 'serial' ? { baudRate: settings.baudRate } : {}),
    });
  },
  layoutTicket(input, settings) {
    return layoutTicket(input, { model: settings.model, columns: settings.columns });
  },
  layoutSelfTest(settings) {
    return layoutSelfTestPage({ model: settings.model, columns: settings.columns });
  },
  async listPorts() {
    const { ports, problem } = await listSerialPorts();
    return {
      ports: ports.map((port) => ({
        path: port.path,
        ...(port.manufacturer ? { manufacturer: port.manufacturer } : {}),
        ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
        ...(port.vendorId ? { vendorId: port.vendorId } : {}),
        ...(port.productId ? { productId: port.productId } : {}),
      })),
      ...(problem ? { problem } : {}),
    };
  },
  async openIdReader(settings, path): Promise<IdReaderDevice> {
    const port = new SerialBytePort({ path, baudRate: settings.baudRate, rtscts: settings.rtscts });
    await port.open();
    const reader = new MrzSwipeReader(port, {
      framing: settings.framing,
      interByteTimeoutMs: settings.interByteTimeoutMs,
    });
    return {
      onRead: (listener) => reader.onRead((read) => listener(rawIdRead(read.result, localDay(new Date())))),
      onClose: (listener) => port.onClose(() => listener()),
      close: () => reader.close(),
    };
  },
  async openSignaturePad(settings, path): Promise<SignaturePadDevice> {
    const port = new SerialBytePort({
      path,
      baudRate: settings.baudRate,
      parity: settings.parity,
      rtscts: settings.rtscts,
    });
    await port.open();
    const pad = new TopazSignaturePad(port);
    return {
      async capture({ signal }) {
        try {
          const captured = await pad.capture({ signal });
          return { signature: plainSignature(captured.signature), interrupted: captured.interrupted };
        } catch (error) {
          return padFailure(error);
        }
      },
      onClose: (listener) => pad.onClose(() => listener()),
      close: () => pad.close(),
    };
  },
  // Pen dynamics (timing, pressure) are biometric data: neither the image nor the digest uses
  // them, so what is kept (the ink and the text) is enough to check the binding later.
  renderSignature: (signature) => toSvg(withoutDynamics(signature), { fit: 'ink' }),
  signatureDigest: (signature, document) => signatureDigest(withoutDynamics(signature), document),
};
