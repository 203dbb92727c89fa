/** A station with no devices at all, for tests of everything else. */
import type { StationDevices } from '../../electron/station/station';

const none = (what: string) => () => Promise.reject(new Error(`no ${what} in this test`));

export const noDevices: StationDevices = {
  openPrinter: none('printer'),
  layoutTicket: () => new Uint8Array(),
  layoutSelfTest: () => new Uint8Array(),
  listPorts: async () => ({ ports: [] }),
  openIdReader: none('ID reader'),
  openSignaturePad: none('signature pad'),
  renderSignature: () => '<svg xmlns="http://www.w3.org/2000/svg"/>',
  signatureDigest: async () => '0'.repeat(64),
};
