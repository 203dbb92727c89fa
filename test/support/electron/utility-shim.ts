/**
 * Loaded with `--import` before the station bundle in a plain Node child process: gives it the
 * `process.parentPort` an Electron utility process has, over Node's IPC channel. Like Electron's
 * port, it holds messages until the first 'message' listener is added; and it tells the parent
 * when it is listening, because Node drops IPC messages that arrive before anyone listens.
 */
type Listener = (event: { data: unknown }) => void;
import { SHIM_READY } from './shim-protocol';

const listeners = new Set<Listener>();
const held: unknown[] = [];
process.on('message', (data) => {
  if (listeners.size === 0) held.push(data);
  else for (const listener of listeners) listener({ data });
});
Object.defineProperty(process, 'parentPort', {
  value: {
    on(event: string, listener: Listener) {
      if (event !== 'message') return this;
      listeners.add(listener);
      for (const data of held.splice(0)) listener({ data });
      return this;
    },
    postMessage(message: unknown) {
      process.send?.(message);
    },
  },
});
process.send?.(SHIM_READY);
