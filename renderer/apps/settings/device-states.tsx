/**
 * Each device's state in words, and the device screen as whoever may not set devices up (a clerk)
 * sees it: the states, and who sets the devices up. Such a person may not list the ports and
 * settings (the access table's `devices.list`): the printer's state comes from `printer.status`,
 * every device's as the station reports a change (`devices.status`).
 */
import { useEffect, useState } from 'react';
import type { DeviceRole, DeviceState } from '../../../electron/common/contract/devices';
import { usePrinterState } from '../../app/printer';
import { useWorkstation } from '../../app/workstation';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';

export const DEVICE_ROLES: readonly DeviceRole[] = ['printer', 'idReader', 'signaturePad'];

/** "connected · ready · /dev/ttyUSB0": the connection, the printer's condition, the device. */
export function deviceStateText(t: Translate, state: DeviceState | undefined): string {
  const connection = state?.connection ?? 'not-configured';
  return [
    t(`devices.connection.${connection}` as MessageId),
    ...(state?.condition ? [t(`printer.status.${state.condition}` as MessageId)] : []),
    ...(state?.device ? [state.device] : []),
  ].join(' · ');
}

export function DeviceStates() {
  const t = useT();
  const { api } = useWorkstation();
  const printer = usePrinterState();
  const [reported, setReported] = useState<readonly DeviceState[] | null>(null);
  useEffect(() => api.on('devices.status', setReported), [api]);
  const text = (role: DeviceRole) => {
    const state = reported?.find((device) => device.role === role);
    if (state) return deviceStateText(t, state);
    if (role === 'printer' && printer) return t(`printer.status.${printer.status}` as MessageId);
    return t('devices.state.unknown');
  };
  return (
    <main className="settings">
      <h1>{t('devices.title')}</h1>
      <p>{t('devices.managerOnly')}</p>
      <ul>
        {DEVICE_ROLES.map((role) => (
          <li key={role}>
            {t(`devices.role.${role}` as MessageId)}: {text(role)}
          </li>
        ))}
      </ul>
    </main>
  );
}
