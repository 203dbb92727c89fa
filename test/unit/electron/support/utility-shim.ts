/**
 * Loaded with `--import` before the station bundle in a plain Node child process: gives it the
 * `process.parentPort` an Electron utility process has, over Node's IPC channel.
 */
type Listener = (event: { data: unknown }) => void;
const listeners = new Set<Listener>();
process.on('message', (data) => {
  for (const listener of listeners) listener({ data });
});
Object.defineProperty(process, 'parentPort', {
  value: {
    on(event: string, listener: Listener) {
      if (event === 'message') listeners.add(listener);
      return this;
    },
    postMessage(message: unknown) {
      process.send?.(message);
    },
  },
});
