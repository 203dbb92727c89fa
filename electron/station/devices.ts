/**
 * The real devices, wired for the composition root: serial ports and the ESC/POS driver. Tests
 * use the same code against simulators on socat pseudo-terminals, so this file stays thin.
 */
import { SerialPort } from 'serialport';
import { SerialBytePort } from '../../native/port/serial-byte-port';
import { EscPosTicketPrinter } from '../../native/printer/ticket-printer.escpos';
import { layoutSelfTestPage, layoutTicket } from '../../native/printer/ticket.layout';
import type { StationDevices } from './station';

const notYet = (what: string) => () => Promise.reject(new Error(`${what} is not wired yet`));

export const realDevices: StationDevices = {
  async openPrinter(settings) {
    const port = new SerialBytePort({ path: settings.path, baudRate: settings.baudRate, rtscts: settings.rtscts });
    await port.open();
    return new EscPosTicketPrinter(port, { baudRate: settings.baudRate });
  },
  layoutTicket(input, settings) {
    return layoutTicket(input, { model: settings.model, columns: settings.columns });
  },
  layoutSelfTest(settings) {
    return layoutSelfTestPage({ model: settings.model, columns: settings.columns });
  },
  async listPorts() {
    try {
      const ports = await SerialPort.list();
      return {
        ports: ports.map((port) => ({
          path: port.path,
          ...(port.manufacturer ? { manufacturer: port.manufacturer } : {}),
          ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
          ...(port.vendorId ? { vendorId: port.vendorId } : {}),
          ...(port.productId ? { productId: port.productId } : {}),
        })),
      };
    } catch (error) {
      return { ports: [], problem: error instanceof Error ? error.message : String(error) };
    }
  },
  openIdReader: notYet('The ID reader'),
  openSignaturePad: notYet('The signature pad'),
  renderSignature: () => '',
  signatureDigest: notYet('Signature binding'),
};
