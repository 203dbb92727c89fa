/**
 * The device screen: the serial ports this computer lists (with USB vendor/product ids and serial
 * numbers), and for each role — ticket printer, ID-card reader, signature pad — which device it
 * is, how it is connected, a test, and its live state. A device assigned by its USB ids is found
 * again when the system gives it another port name.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type {
  DeviceList,
  DeviceRole,
  DeviceState,
  DeviceTestResult,
  SerialPortInfo,
  UnknownPrintJob,
} from '../../../electron/common/contract/devices';
import type {
  IdReaderSettings,
  PrinterSettings,
  SignaturePadSettings,
} from '../../../electron/common/contract/settings';
import { ID_READER_FRAMINGS, PRINTER_MODELS, PRINTER_TRANSPORTS } from '../../../electron/common/contract/settings';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT, type MessageId } from '../../i18n/i18n';
import { SignatureImage } from '../counter/signature-image';
import { partMessage } from '../counter/visitor-panel';

type AnySettings = PrinterSettings | IdReaderSettings | SignaturePadSettings;

const ROLES: readonly DeviceRole[] = ['printer', 'idReader', 'signaturePad'];

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

function portLabel(port: SerialPortInfo): string {
  const ids = port.vendorId && port.productId ? ` — ${port.vendorId}:${port.productId}` : '';
  return `${port.path}${port.manufacturer ? ` (${port.manufacturer})` : ''}${ids}${port.serialNumber ? ` #${port.serialNumber}` : ''}`;
}

/** A device test's result in the admin's words. */
function testMessage(result: DeviceTestResult, t: ReturnType<typeof useT>): { kind: 'info' | 'error'; text: string } {
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
  const { api } = useWorkstation();
  const [draft, setDraft] = useState<AnySettings>(settings ?? DEFAULTS[role]);
  const [byUsb, setByUsb] = useState(Boolean(settings?.match));
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [testSvg, setTestSvg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => `${role}-${field}`;
  const update = (patch: Partial<AnySettings>) => setDraft((current) => ({ ...current, ...patch }) as AnySettings);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const port = ports.find((candidate) => candidate.path === draft.path);
    const match =
      byUsb && port?.vendorId && port.productId
        ? {
            vendorId: port.vendorId,
            productId: port.productId,
            ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
          }
        : undefined;
    const { match: _old, ...rest } = draft;
    const next = { ...rest, ...(match ? { match } : {}) };
    const result = await api.devices.configure({ role, settings: next } as Parameters<typeof api.devices.configure>[0]);
    if (result.ok) {
      onSaved(result.value);
      setMessage({ kind: 'info', text: t('devices.saved') });
    } else
      setMessage({
        kind: 'error',
        text:
          result.error.code === 'BAD_REQUEST'
            ? t('devices.error.invalid', { detail: result.error.message })
            : t('devices.error.save'),
      });
  };

  const remove = async () => {
    const result = await api.devices.configure({ role, settings: null } as Parameters<typeof api.devices.configure>[0]);
    if (result.ok) {
      onSaved(result.value);
      setMessage({ kind: 'info', text: t('devices.removed') });
    }
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

  const connection = state?.connection ?? 'not-configured';
  return (
    <section className="device-card" aria-labelledby={id('title')}>
      <h2 id={id('title')}>{t(`devices.role.${role}` as MessageId)}</h2>
      <p className={`device-state device-state-${connection}`}>
        {t(`devices.connection.${connection}` as MessageId)}
        {state?.condition && ` · ${t(`printer.status.${state.condition}` as MessageId)}`}
        {state?.device && ` · ${state.device}`}
      </p>
      <form className="device-form" onSubmit={(event) => void save(event)}>
        {'transport' in draft && (
          <>
            <label htmlFor={id('transport')}>{t('devices.transport')}</label>
            <select
              id={id('transport')}
              value={draft.transport}
              onChange={(event) => update({ transport: event.target.value as PrinterSettings['transport'] })}
            >
              {PRINTER_TRANSPORTS.map((transport) => (
                <option key={transport} value={transport}>
                  {t(`devices.transport.${transport}` as MessageId)}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={id('path')}>{t('devices.path')}</label>
        <input
          id={id('path')}
          list={id('ports')}
          value={draft.path}
          required
          onChange={(event) => update({ path: event.target.value })}
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
        <label className="checkbox">
          <input type="checkbox" checked={byUsb} onChange={(event) => setByUsb(event.target.checked)} />{' '}
          {t('devices.byUsb')}
        </label>
        {'model' in draft && 'columns' in draft && (
          <>
            <label htmlFor={id('model')}>{t('devices.model')}</label>
            <select
              id={id('model')}
              value={draft.model}
              onChange={(event) => update({ model: event.target.value as PrinterSettings['model'] })}
            >
              {PRINTER_MODELS.map((model) => (
                <option key={model} value={model}>
                  {model}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={id('baud')}>{t('devices.baud')}</label>
        <select
          id={id('baud')}
          value={String(draft.baudRate)}
          onChange={(event) => update({ baudRate: Number(event.target.value) })}
        >
          {[1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].map((baud) => (
            <option key={baud} value={baud}>
              {baud}
            </option>
          ))}
        </select>
        {'framing' in draft && (
          <>
            <label htmlFor={id('framing')}>{t('devices.framing')}</label>
            <select
              id={id('framing')}
              value={draft.framing}
              onChange={(event) => update({ framing: event.target.value as IdReaderSettings['framing'] })}
            >
              {ID_READER_FRAMINGS.map((framing) => (
                <option key={framing} value={framing}>
                  {t(`devices.framing.${framing}` as MessageId)}
                </option>
              ))}
            </select>
          </>
        )}
        {'parity' in draft && (
          <>
            <label htmlFor={id('parity')}>{t('devices.parity')}</label>
            <select
              id={id('parity')}
              value={draft.parity}
              onChange={(event) => update({ parity: event.target.value as SignaturePadSettings['parity'] })}
            >
              {(['odd', 'even', 'none'] as const).map((parity) => (
                <option key={parity} value={parity}>
                  {t(`devices.parity.${parity}` as MessageId)}
                </option>
              ))}
            </select>
          </>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.rtscts}
            onChange={(event) => update({ rtscts: event.target.checked })}
          />{' '}
          {t('devices.rtscts')}
        </label>
        <div className="device-actions">
          <button type="submit" className="primary">
            {t('devices.save')}
          </button>
          <button type="button" disabled={!settings || busy} onClick={() => void test()}>
            {t(`devices.test.${role}` as MessageId)}
          </button>
          <button type="button" disabled={!settings} onClick={() => void remove()}>
            {t('devices.remove')}
          </button>
        </div>
      </form>
      <p
        className={message?.kind === 'error' ? 'device-error' : 'device-message'}
        role={message?.kind === 'error' ? 'alert' : 'status'}
      >
        {message?.text ?? ''}
      </p>
      {testSvg && <SignatureImage svg={testSvg} label={t('devices.testSignature')} />}
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
  const [jobs, setJobs] = useState<readonly UnknownPrintJob[]>([]);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

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
    const result = await api.printer.resolveJob({ jobId: job.jobId, outcome }).finally(() => setPending(null));
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
      <p
        className={message?.kind === 'error' ? 'device-error' : 'device-message'}
        role={message?.kind === 'error' ? 'alert' : 'status'}
      >
        {message?.text ?? ''}
      </p>
    </div>
  );
}
