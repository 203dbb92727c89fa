/** What the device screen says about a device: its ports and its test results, in the admin's words. */
import type { DeviceTestResult, SerialPortInfo } from '../../../electron/common/contract/devices';
import type { MessageId, Translate } from '../../i18n/i18n';
import { partMessage } from '../counter/visitor-panel';

export interface DeviceMessage {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export function portLabel(port: SerialPortInfo): string {
  const ids = port.vendorId && port.productId ? ` — ${port.vendorId}:${port.productId}` : '';
  return `${port.path}${port.manufacturer ? ` (${port.manufacturer})` : ''}${ids}${port.serialNumber ? ` #${port.serialNumber}` : ''}`;
}

/** A device test's result in the admin's words. */
export function testMessage(result: DeviceTestResult, t: Translate): DeviceMessage {
  switch (result.role) {
    case 'printer':
      return { kind: 'info', text: t('devices.testDone.printer', { bytes: result.bytes }) };
    case 'idReader':
      return result.read.ok
        ? {
            kind: 'info',
            text: t('devices.testDone.idReader', { kind: t(`devices.kind.${result.read.documentKind}` as MessageId) }),
          }
        : {
            kind: 'error',
            text: t('devices.testFailed.idReader', {
              reason: t(`visitor.read.${result.read.reason}` as MessageId, { part: t(partMessage(result.read.part)) }),
            }),
          };
    case 'signaturePad': {
      const done = t('devices.testDone.signaturePad', { strokes: result.strokes });
      return result.interrupted
        ? { kind: 'error', text: `${done} ${t('devices.testInterrupted')}` }
        : { kind: 'info', text: done };
    }
  }
}

/** The line under a device's form or job list: read out politely, or at once when it is an error. */
export function DeviceMessageLine({ message }: { message: DeviceMessage | null }) {
  return (
    <p
      className={message?.kind === 'error' ? 'device-error' : 'device-message'}
      role={message?.kind === 'error' ? 'alert' : 'status'}
    >
      {message?.text ?? ''}
    </p>
  );
}
