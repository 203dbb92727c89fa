/**
 * The real devices, wired for the composition root: serial ports and the ESC/POS driver. Tests
 * use the same code against simulators on socat pseudo-terminals, so this file stays thin.
 */
import { SerialBytePort } from '../../native/port/serial-byte-port';
import { EscPosTicketPrinter } from '../../native/printer/ticket-printer.escpos';
import { layoutTicket } from '../../native/printer/ticket.layout';
import type { StationDevices } from './station';

export const realDevices: StationDevices = {
  async openPrinter(settings) {
    const port = new SerialBytePort({ path: settings.path, baudRate: settings.baudRate, rtscts: settings.rtscts });
    await port.open();
    return new EscPosTicketPrinter(port, { baudRate: settings.baudRate });
  },
  layoutTicket(input, settings) {
    return layoutTicket(input, { model: settings.model, columns: settings.columns });
  },
};
