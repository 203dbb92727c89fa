/**
 * One device's settings being edited, and what can be done with them: save (optionally bound to
 * the port's USB ids, so the device is found again under another port name), remove, test.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { DeviceList, DeviceRole, SerialPortInfo } from '../../../electron/common/contract/devices';
import type {
  IdReaderSettings,
  PrinterSettings,
  SignaturePadSettings,
} from '../../../electron/common/contract/settings';
import { useConfirmed } from '../../app/session';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT, type MessageId } from '../../i18n/i18n';
import { testMessage, type DeviceMessage } from './device-messages';

export type AnySettings = PrinterSettings | IdReaderSettings | SignaturePadSettings;

const DEFAULTS = {
  printer: {
    path: '',
    baudRate: 38400,
    rtscts: false,
    transport: 'serial',
    model: 'epson-tm-t20iii',
    columns: 48,
  } satisfies PrinterSettings,
  idReader: {
    path: '',
    baudRate: 9600,
    rtscts: false,
    framing: 'auto',
    interByteTimeoutMs: 120,
  } satisfies IdReaderSettings,
  signaturePad: {
    path: '',
    baudRate: 19200,
    rtscts: false,
    parity: 'odd',
    model: 'topaz',
  } satisfies SignaturePadSettings,
} as const;

export interface DeviceCardState {
  readonly draft: AnySettings;
  readonly update: (patch: Partial<AnySettings>) => void;
  /** Bind the device to the chosen port's USB ids rather than to its name. */
  readonly byUsb: boolean;
  readonly setByUsb: (byUsb: boolean) => void;
  readonly message: DeviceMessage | null;
  /** The signature a pad's test drew. */
  readonly testSvg: string | null;
  /** A test is running. */
  readonly busy: boolean;
  readonly save: (event: FormEvent) => Promise<void>;
  readonly remove: () => Promise<void>;
  readonly test: () => Promise<void>;
  /** The password asked again before a change, when the last check is not recent. */
  readonly confirmDialog: ReactNode;
}

export function useDeviceCard(
  role: DeviceRole,
  ports: readonly SerialPortInfo[],
  settings: AnySettings | null,
  onSaved: (list: DeviceList) => void,
): DeviceCardState {
  const t = useT();
  const { api } = useWorkstation();
  const confirmed = useConfirmed();
  const [draft, setDraft] = useState<AnySettings>(settings ?? DEFAULTS[role]);
  const [byUsb, setByUsb] = useState(Boolean(settings?.match));
  const [message, setMessage] = useState<DeviceMessage | null>(null);
  const [testSvg, setTestSvg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<AnySettings>) => setDraft((current) => ({ ...current, ...patch }) as AnySettings);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const next = withMatch(draft, byUsb ? ports.find((candidate) => candidate.path === draft.path) : undefined);
    const result = await confirmed.run(() =>
      api.devices.configure({ role, settings: next } as Parameters<typeof api.devices.configure>[0]),
    );
    if (result.ok) {
      onSaved(result.value);
      setMessage({ kind: 'info', text: t('devices.saved') });
    } else
      setMessage({
        kind: 'error',
        text:
          result.error.code === 'BAD_REQUEST'
            ? t('devices.error.invalid', { detail: result.error.message })
            : result.error.code === 'SETTINGS_WRITE_FAILED' || result.error.code === 'INTERNAL'
              ? t('devices.error.save')
              : t(errorMessage(result.error.code, 'device')),
      });
  };

  const remove = async () => {
    const result = await confirmed.run(() =>
      api.devices.configure({ role, settings: null } as Parameters<typeof api.devices.configure>[0]),
    );
    if (result.ok) {
      onSaved(result.value);
      setMessage({ kind: 'info', text: t('devices.removed') });
    } else setMessage({ kind: 'error', text: t(errorMessage(result.error.code, 'device')) });
  };

  const test = async () => {
    setBusy(true);
    setTestSvg(null);
    setMessage({ kind: 'info', text: t(`devices.testing.${role}` as MessageId) });
    const result = await api.devices.test({ role });
    setBusy(false);
    if (result.ok) {
      setMessage(testMessage(result.value, t));
      if (result.value.role === 'signaturePad') setTestSvg(result.value.svg);
    } else setMessage({ kind: 'error', text: t(errorMessage(result.error.code, 'device')) });
  };

  return {
    draft,
    update,
    byUsb,
    setByUsb,
    message,
    testSvg,
    busy,
    save,
    remove,
    test,
    confirmDialog: confirmed.dialog,
  };
}

/** The settings to save: bound to `port`'s USB ids when it has them, otherwise to the path alone. */
function withMatch(draft: AnySettings, port: SerialPortInfo | undefined) {
  const match =
    port?.vendorId && port.productId
      ? {
          vendorId: port.vendorId,
          productId: port.productId,
          ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
        }
      : undefined;
  const { match: _old, ...rest } = draft;
  return { ...rest, ...(match ? { match } : {}) };
}
