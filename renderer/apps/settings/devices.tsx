/**
 * The device screen: the serial ports this computer lists (with USB vendor/product ids and serial
 * numbers), and for each role — ticket printer, ID-card reader, signature pad — which device it
 * is, how it is connected, a test, and its live state. A device assigned by its USB ids is found
 * again when the system gives it another port name. Each control shows only to the roles the
 * access table lets use it (CHANNEL_ACCESS); whoever may not list the devices sees their states
 * (device-states.tsx).
 */
import { useEffect, useState } from 'react';
import { CHANNEL_ACCESS } from '../../../electron/common/access/station-access';
import type {
  DeviceList,
  DeviceRole,
  DeviceState,
  SerialPortInfo,
  UnknownPrintJob,
} from '../../../electron/common/contract/devices';
import { useMayUse } from '../../app/use-may-use';
import { useConfirmed } from '../../app/session';
import { PairedScreens } from './pairing';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT, type MessageId } from '../../i18n/i18n';
import { SignatureImage } from '../counter/signature-image';
import { DeviceFields } from './device-fields';
import { DeviceMessageLine, type DeviceMessage } from './device-messages';
import { DEVICE_ROLES, deviceStateText, DeviceStates } from './device-states';
import { useDeviceCard, type AnySettings, type DeviceCardState } from './use-device-card';

export function Devices() {
  const mayList = useMayUse(CHANNEL_ACCESS['devices.list']);
  return mayList ? <DeviceSettings /> : <DeviceStates />;
}

function DeviceSettings() {
  const t = useT();
  const { api } = useWorkstation();
  const [list, setList] = useState<DeviceList | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const mayPair = useMayUse(CHANNEL_ACCESS['pairing.list']);

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
        DEVICE_ROLES.map((role) => (
          <DeviceCard
            key={role}
            role={role}
            ports={list.ports}
            state={list.devices.find((device) => device.role === role)}
            settings={list.settings[role]}
            onSaved={(next) => setList(next)}
          />
        ))}
      {mayPair && <PairedScreens />}
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
  const may = {
    configure: useMayUse(CHANNEL_ACCESS['devices.configure']),
    test: useMayUse(CHANNEL_ACCESS['devices.test']),
    jobs: useMayUse(CHANNEL_ACCESS['printer.unknownJobs']),
  };
  const id = (field: string) => `${role}-${field}`;
  const connection = state?.connection ?? 'not-configured';
  const actions = (
    <DeviceActions role={role} configured={Boolean(settings)} card={card} configure={may.configure} test={may.test} />
  );
  return (
    <section className="device-card" aria-labelledby={id('title')}>
      <h2 id={id('title')}>{t(`devices.role.${role}` as MessageId)}</h2>
      <p className={`device-state device-state-${connection}`}>{deviceStateText(t, state)}</p>
      {may.configure ? (
        <form className="device-form" onSubmit={(event) => void card.save(event)}>
          <DeviceFields role={role} ports={ports} card={card} id={id} />
          {actions}
        </form>
      ) : (
        may.test && actions
      )}
      <DeviceMessageLine message={card.message} />
      {card.confirmDialog}
      {card.testSvg && <SignatureImage svg={card.testSvg} label={t('devices.testSignature')} />}
      {role === 'printer' && settings && may.jobs && <UnknownJobs />}
    </section>
  );
}

/** Save and remove (with `configure`, inside the form) and the test (with `test`). */
function DeviceActions({
  role,
  configured,
  card,
  configure,
  test,
}: {
  role: DeviceRole;
  configured: boolean;
  card: DeviceCardState;
  configure: boolean;
  test: boolean;
}) {
  const t = useT();
  return (
    <div className="device-actions">
      {configure && (
        <button type="submit" className="primary">
          {t('devices.save')}
        </button>
      )}
      {test && (
        <button type="button" disabled={!configured || card.busy} onClick={() => void card.test()}>
          {t(`devices.test.${role}` as MessageId)}
        </button>
      )}
      {configure && (
        <button type="button" disabled={!configured} onClick={() => void card.remove()}>
          {t('devices.remove')}
        </button>
      )}
    </div>
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
  const mayResolve = useMayUse(CHANNEL_ACCESS['printer.resolveJob']);

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
  const resolve = async (job: UnknownPrintJob, outcome: JobOutcome) => {
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
              {mayResolve && (
                <JobActions
                  number={number}
                  pending={pending === job.jobId}
                  onResolve={(out) => void resolve(job, out)}
                />
              )}
            </li>
          );
        })}
      </ul>
      <DeviceMessageLine message={message} />
      {confirmed.dialog}
    </div>
  );
}

type JobOutcome = 'printed' | 'not-printed' | 'reprint';

/** What a person says about a ticket of unknown fate; `pending` while the last answer is on its way. */
function JobActions({
  number,
  pending,
  onResolve,
}: {
  number: string;
  pending: boolean;
  onResolve: (outcome: JobOutcome) => void;
}) {
  const t = useT();
  return (
    <div className="device-actions">
      <button type="button" disabled={pending} onClick={() => onResolve('printed')}>
        {t('devices.jobs.printed', { number })}
      </button>
      <button type="button" disabled={pending} onClick={() => onResolve('reprint')}>
        {t('devices.jobs.reprint', { number })}
      </button>
      <button type="button" disabled={pending} onClick={() => onResolve('not-printed')}>
        {t('devices.jobs.notPrinted', { number })}
      </button>
    </div>
  );
}
