/**
 * The station in Electron's utility process (bundled to out/electron/station.cjs). Serial ports,
 * printing and settings live here, away from the windows: when a device driver crashes, this
 * process dies, the main process answers pending calls with DISCONNECTED and starts it again, and
 * the windows stay up.
 *
 * Messages over `process.parentPort` (structured clone, no framing needed):
 *   main → station   {id, window, channel, payload}   a contract call from a window of that kind
 *                    {close: true}                    drain and exit
 *   station → main   {id, result}                     the call's Result
 *                    {event, payload, windows}        a station event, for windows of those kinds
 *
 * The command line is the browser host's (`--data <dir>`, `--printer <path>`, …); main always
 * passes an absolute `--data`.
 */
import { z } from 'zod';
import { WINDOW_KINDS, type WindowKind } from '../common/access/subjects';
import { fail, type Result } from '../common/contract/result';
import { parseHostArgs } from '../host/options';
import { realDevices } from './devices';
import { createLogger, describeError, type Logger } from './log';
import { createStation, type Station } from './station';
import { workstationDemoNotice } from '../node/accounts/demo-accounts';

export interface StationCallMessage {
  readonly id: number;
  /** The kind of the window that called (main knows it from the window's page). */
  readonly window: WindowKind;
  readonly channel: string;
  readonly payload: unknown;
}
export interface StationCloseMessage {
  readonly close: true;
}
export type ToStationMessage = StationCallMessage | StationCloseMessage;

export interface StationReplyMessage {
  readonly id: number;
  readonly result: Result<unknown>;
}
export interface StationEventMessage {
  readonly event: string;
  readonly payload: unknown;
  /** The kinds of window that may hear it now. */
  readonly windows: readonly WindowKind[];
}
export type FromStationMessage = StationReplyMessage | StationEventMessage;

/** The part of Electron's `process.parentPort` the station uses; the tests pass a fake. */
export interface ParentPortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: FromStationMessage): void;
}

const CallSchema = z.object({
  id: z.number().int().nonnegative(),
  window: z.enum(WINDOW_KINDS),
  channel: z.string().max(100),
  payload: z.unknown(),
});
const CloseSchema = z.object({ close: z.literal(true) });

export interface ServeStationOptions {
  readonly log: Logger;
  /** Called after `{close: true}` has closed the station (devices released). */
  readonly exit: (code: number) => void;
}

/**
 * Answer calls from `port` with `station` (which may still be starting). A station that failed to
 * start answers every call with INTERNAL instead of exiting: exiting would only make main restart
 * it into the same failure, while an answer lets the screens say what is wrong.
 */
export function serveStation(port: ParentPortLike, starting: Promise<Station>, options: ServeStationOptions): void {
  const { log } = options;
  const station = starting.then(
    (ready) => {
      ready.subscribe((event, payload, mayReach) =>
        port.postMessage({ event, payload, windows: WINDOW_KINDS.filter((kind) => mayReach(kind, false)) }),
      );
      return ready;
    },
    (error: unknown) => {
      log.error('station failed to start', { error: describeError(error) });
      return null;
    },
  );
  let closing = false;

  port.on('message', ({ data }) => {
    if (CloseSchema.safeParse(data).success) {
      if (closing) return;
      closing = true;
      void station
        .then((ready) => ready?.close())
        .catch((error: unknown) => log.error('station close failed', { error: describeError(error) }))
        .finally(() => options.exit(0));
      return;
    }
    const call = CallSchema.safeParse(data);
    if (!call.success) {
      log.warn('ignored a malformed message from main');
      return;
    }
    const { id, window, channel, payload } = call.data;
    void (async () => {
      const ready = await station;
      let result: Result<unknown>;
      if (closing) result = fail('DISCONNECTED', 'The station is shutting down');
      else if (!ready) result = fail('INTERNAL', 'The station could not start; see the station log');
      else result = await ready.dispatch(window, channel, payload);
      port.postMessage({ id, result });
    })();
  });
}

function main(port: ParentPortLike): void {
  const log = createLogger({ scope: 'station', level: process.env.OKIENKO_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  let commandLine;
  try {
    commandLine = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    log.error('bad station arguments', { error: describeError(error) });
    process.exit(2);
  }
  const starting = createStation({
    dataDir: commandLine.dataDir,
    host: 'electron',
    overrides: commandLine.overrides,
    log,
    devices: realDevices,
    demo: commandLine.demo,
  });
  // The station's own failure to start is reported by serveStation.
  if (commandLine.demo)
    starting.then(
      (station) => process.stdout.write(workstationDemoNotice(station.settings.hub !== null, 'this workstation')),
      () => undefined,
    );
  serveStation(port, starting, { log, exit: (code) => process.exit(code) });
}

// Electron defines `process.parentPort` only in a utility process; importing this module anywhere
// else (the unit tests) starts nothing.
const parentPort = Reflect.get(process, 'parentPort') as ParentPortLike | undefined;
if (parentPort) main(parentPort);
