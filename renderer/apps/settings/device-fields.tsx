/**
 * The fields of a device's settings, in the order the form shows them: how the printer is
 * connected, the port (by name or by USB ids), the model, the line's speed and framing, and flow
 * control. A field shows only for the roles whose settings have it.
 */
import type { DeviceRole, SerialPortInfo } from '../../../electron/common/contract/devices';
import {
  ID_READER_FRAMINGS,
  PRINTER_MODELS,
  PRINTER_TRANSPORTS,
  type IdReaderSettings,
  type PrinterSettings,
  type SignaturePadSettings,
} from '../../../electron/common/contract/settings';
import { useT, type MessageId } from '../../i18n/i18n';
import { portLabel } from './device-messages';
import type { DeviceCardState } from './use-device-card';

const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
const PARITIES = ['odd', 'even', 'none'] as const;

interface DeviceFieldsProps {
  role: DeviceRole;
  ports: readonly SerialPortInfo[];
  card: DeviceCardState;
  /** The id of one of this card's fields. */
  id: (field: string) => string;
}

export function DeviceFields({ role, ports, card, id }: DeviceFieldsProps) {
  const t = useT();
  const { draft, update } = card;
  /** The translated name of an option, under its message id prefix. */
  const translated = (prefix: string) => (option: string) => t(`${prefix}.${option}` as MessageId);
  return (
    <>
      {'transport' in draft && (
        <SelectField
          id={id('transport')}
          label={t('devices.transport')}
          value={draft.transport}
          options={PRINTER_TRANSPORTS}
          optionLabel={translated('devices.transport')}
          onChange={(transport) => update({ transport: transport as PrinterSettings['transport'] })}
        />
      )}
      <PortField role={role} ports={ports} card={card} id={id} />
      {'model' in draft && 'columns' in draft && (
        <SelectField
          id={id('model')}
          label={t('devices.model')}
          value={draft.model}
          options={PRINTER_MODELS}
          optionLabel={(model) => model}
          onChange={(model) => update({ model: model as PrinterSettings['model'] })}
        />
      )}
      <SelectField
        id={id('baud')}
        label={t('devices.baud')}
        value={String(draft.baudRate)}
        options={BAUD_RATES}
        optionLabel={String}
        onChange={(baud) => update({ baudRate: Number(baud) })}
      />
      {'framing' in draft && (
        <SelectField
          id={id('framing')}
          label={t('devices.framing')}
          value={draft.framing}
          options={ID_READER_FRAMINGS}
          optionLabel={translated('devices.framing')}
          onChange={(framing) => update({ framing: framing as IdReaderSettings['framing'] })}
        />
      )}
      {'parity' in draft && (
        <SelectField
          id={id('parity')}
          label={t('devices.parity')}
          value={draft.parity}
          options={PARITIES}
          optionLabel={translated('devices.parity')}
          onChange={(parity) => update({ parity: parity as SignaturePadSettings['parity'] })}
        />
      )}
      <CheckboxField label={t('devices.rtscts')} checked={draft.rtscts} onChange={(rtscts) => update({ rtscts })} />
    </>
  );
}

/** The port's name, typed or picked from the ports this computer lists, and whether to follow its USB ids. */
function PortField({ role, ports, card, id }: DeviceFieldsProps) {
  const t = useT();
  return (
    <>
      <label htmlFor={id('path')}>{t('devices.path')}</label>
      <input
        id={id('path')}
        list={id('ports')}
        value={card.draft.path}
        required
        onChange={(event) => card.update({ path: event.target.value })}
        aria-describedby={id('path-hint')}
      />
      <datalist id={id('ports')}>
        {ports.map((port) => (
          <option key={port.path} value={port.path}>
            {portLabel(port)}
          </option>
        ))}
      </datalist>
      <p id={id('path-hint')} className="hint">
        {t(role === 'printer' ? 'devices.path.hint' : 'devices.path.hint.serial')}
      </p>
      <CheckboxField label={t('devices.byUsb')} checked={card.byUsb} onChange={card.setByUsb} />
    </>
  );
}

/** A labelled drop-down list. */
function SelectField<Option extends string | number>({
  id,
  label,
  value,
  options,
  optionLabel,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly Option[];
  optionLabel: (option: Option) => string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </>
  );
}

/** A check box with its label after it. */
function CheckboxField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} /> {label}
    </label>
  );
}
