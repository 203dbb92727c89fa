/**
 * The device screen: the serial ports this computer lists (with USB vendor/product ids and serial
 * numbers), and for each role — ticket printer, ID-card reader, signature pad — which device it
 * is, how it is connected, a test, and its live state. A device assigned by its USB ids is found
 * again when the system gives it another port name.
 */
import { useEffect, useState } from 'react';
import type {
  DeviceList,
  DeviceRole,
  DeviceState,
  SerialPortInfo,
  UnknownPrintJob,
} from '../../../electron/common/contract/devices';
import { useConfirmed } from '../../app/session';
import { PairedScreens } from './pairing';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT, type MessageId } from '../../i18n/i18n';
import { SignatureImage } from '../counter/signature-image';
import { DeviceFields } from './device-fields';
import { DeviceMessageLine, type DeviceMessage } from './device-messages';
import { useDeviceCard, type AnySettings } from './use-device-card';

const ROLES: readonly DeviceRole[] = ['printer', 'idReader', 'signaturePad'];

export function Devices() {
  const t = useT();
  const { api } = useWorkstation();
  const [list, setList] = useState<DeviceList | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = async () => {
    const result = await api.devices.list({});
    if (result.ok) {
      setList(result.value);
      setFailure(null);
    } else setFailure(t('devices.error.list'));
  };

  useEffect(() => {
    let live = true;
    void api.devices.list({}).then((result) => {
      if (live && result.ok) setList(result.value);
    });
    const off = api.on('devices.status', (devices) =>
      setList((current) => (current ? { ...current, devices } : current)),
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  return (
    <main className="settings">
      <h1>{t('devices.title')}</h1>
      {failure && <p role="alert">{failure}</p>}
      <section aria-labelledby="ports-title">
        <h2 id="ports-title">{t('devices.ports')}</h2>
        {list?.portsProblem && <p className="warning">{t('devices.portsProblem', { problem: list.portsProblem })}</p>}
        {list && list.ports.length === 0 ? (
          <p>{t('devices.noPorts')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('devices.port')}</th>
                <th scope="col">{t('devices.manufacturer')}</th>
                <th scope="col">{t('devices.usbIds')}</th>
                <th scope="col">{t('devices.serialNumber')}</th>
              </tr>
            </thead>
            <tbody>
              {list?.ports.map((port) => (
                <tr key={port.path}>
                  <th scope="row">{port.path}</th>
                  <td>{port.manufacturer ?? t('common.none')}</td>
                  <td>{port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : t('common.none')}</td>
                  <td>{port.serialNumber ?? t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="button" onClick={() => void refresh()}>
          {t('devices.refresh')}
        </button>
      </section>
      {list &&
        ROLES.map((role) => (
          <DeviceCard
            key={role}
            role={role}
            ports={list.ports}
            state={list.devices.find((device) => device.role === role)}
            settings={list.settings[role]}
            onSaved={(next) => setList(next)}
          />
        ))}
      <PairedScreens />
    </main>
  );
}

function DeviceCard({
  role,
  ports,
  state,
  settings,
  onSaved,
}: {
  role: DeviceRole;
  ports: readonly SerialPortInfo[];
  state: DeviceState | undefined;
  settings: AnySettings | null;
  onSaved: (list: DeviceList) => void;
}) {
  const t = useT();
  const card = useDeviceCard(role, ports, settings, onSaved);
  const id = (field: string) => `${role}-${field}`;
  const connection = state?.connection ?? 'not-configured';
  return (
    <section className="device-card" aria-labelledby={id('title')}>
      <h2 id={id('title')}>{t(`devices.role.${role}` as MessageId)}</h2>
      <p className={`device-state device-state-${connection}`}>
        {t(`devices.connection.${connection}` as MessageId)}
        {state?.condition && ` · ${t(`printer.status.${state.condition}` as MessageId)}`}
        {state?.device && ` · ${state.device}`}
      </p>
      <form className="device-form" onSubmit={(event) => void card.save(event)}>
        <DeviceFields role={role} ports={ports} card={card} id={id} />
        <div className="device-actions">
          <button type="submit" className="primary">
            {t('devices.save')}
          </button>
          <button type="button" disabled={!settings || card.busy} onClick={() => void card.test()}>
            {t(`devices.test.${role}` as MessageId)}
          </button>
          <button type="button" disabled={!settings} onClick={() => void card.remove()}>
            {t('devices.remove')}
          </button>
        </div>
      </form>
      <DeviceMessageLine message={card.message} />
      {card.confirmDialog}
      {card.testSvg && <SignatureImage svg={card.testSvg} label={t('devices.testSignature')} />}
      {role === 'printer' && settings && <UnknownJobs />}
    </section>
  );
}

/**
 * Tickets sent to the printer whose end it never confirmed (paper jammed mid-ticket, cable
 * pulled): a person looks at the tray and says whether it came out, or prints a duplicate — the
 * same number, marked DUPLIKAT. Nothing is reprinted without this.
 */
function UnknownJobs() {
  const t = useT();
  const { api } = useWorkstation();
  const confirmed = useConfirmed();
  const [jobs, setJobs] = useState<readonly UnknownPrintJob[]>([]);
  const [message, setMessage] = useState<DeviceMessage | null>(null);

  useEffect(() => {
    let live = true;
    void api.printer.unknownJobs({}).then((result) => {
      if (live && result.ok) setJobs(result.value);
    });
    const off = api.on('printer.unknownJobs', setJobs);
    return () => {
      live = false;
      off();
    };
  }, [api]);

  // The job being settled: its buttons wait, so a double click cannot print two duplicates.
  const [pending, setPending] = useState<string | null>(null);
  const resolve = async (job: UnknownPrintJob, outcome: 'printed' | 'not-printed' | 'reprint') => {
    setPending(job.jobId);
    const result = await confirmed
      .run(() => api.printer.resolveJob({ jobId: job.jobId, outcome }))
      .finally(() => setPending(null));
    const number = job.number ?? '?';
    if (!result.ok) setMessage({ kind: 'error', text: t(errorMessage(result.error.code, 'device')) });
    else if (outcome === 'reprint') setMessage({ kind: 'info', text: t('devices.jobs.reprinted', { number }) });
    else setMessage({ kind: 'info', text: t('devices.jobs.settled', { number }) });
  };

  if (jobs.length === 0 && !message) return null;
  return (
    <div className="unknown-jobs">
      <h3>{t('devices.jobs.title', { count: jobs.length })}</h3>
      {jobs.length > 0 && <p className="hint">{t('devices.jobs.explain')}</p>}
      <ul>
        {jobs.map((job) => {
          const number = job.number ?? '?';
          const time = new Intl.DateTimeFormat('pl-PL', {
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          }).format(new Date(job.at));
          return (
            <li key={job.jobId}>
              <p>{t(`devices.jobs.${job.reason}` as MessageId, { number, time })}</p>
              <div className="device-actions">
                <button type="button" disabled={pending === job.jobId} onClick={() => void resolve(job, 'printed')}>
                  {t('devices.jobs.printed', { number })}
                </button>
                <button type="button" disabled={pending === job.jobId} onClick={() => void resolve(job, 'reprint')}>
                  {t('devices.jobs.reprint', { number })}
                </button>
                <button type="button" disabled={pending === job.jobId} onClick={() => void resolve(job, 'not-printed')}>
                  {t('devices.jobs.notPrinted', { number })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <DeviceMessageLine message={message} />
      {confirmed.dialog}
    </div>
  );
}
