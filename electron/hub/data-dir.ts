/**
 * The embedded hub's data folder, and the rule that only one process opens it.
 *
 * PGlite takes no lock of its own: two processes on one folder would both write PostgreSQL's files
 * and corrupt them (checked with 0.5.16 — a second process opens the folder happily). So the
 * folder is owned by whoever listens on its admin socket (`hub.sock` in the folder; a named pipe on
 * Windows). A second hub fails with a clear message; an admin command (`token create`, …) finds
 * the running hub on that socket and asks it to do the work, over the same database connection.
 * The socket is only reachable by whoever may write the folder, i.e. whoever could change the
 * database anyway. A socket left behind by a killed hub is detected (nothing answers) and replaced.
 *
 *   <data>/pglite/    PostgreSQL's files (PGDATA)
 *   <data>/hub.sock   the owner's admin socket
 */
import type { TokenKind } from '../common/access/subjects';
import type { UserCommand } from '../node/accounts/user-command';
import { createHash } from 'node:crypto';
import { chmod, mkdir, unlink } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { listening } from '../node/listen';

export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/** Unix socket paths are limited to about 100 bytes; a deep folder gets one in the temp folder. */
export function adminSocketPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  if (platform === 'win32') return `\\\\.\\pipe\\okienko-hub-${hash}`;
  const inFolder = path.join(path.resolve(dataDir), 'hub.sock');
  return Buffer.byteLength(inFolder) < 100 ? inFolder : path.join(os.tmpdir(), `okienko-hub-${hash}.sock`);
}

/** A request an admin command sends to the process that owns the folder; one JSON line each way. */
export type AdminRequest =
  | { readonly command: 'token.create'; readonly name: string; readonly kind: TokenKind }
  | { readonly command: 'token.kind'; readonly name: string; readonly kind: TokenKind }
  | { readonly command: 'token.revoke'; readonly name: string }
  | { readonly command: 'token.list' }
  | UserCommand
  | { readonly command: 'after-restore' }
  | { readonly command: 'office.export' }
  /** The file's JSON as read: the hub checks it whole (domain/office-config.ts) before it writes. */
  | { readonly command: 'office.import'; readonly configuration: unknown };
export type AdminReply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly error: string; readonly message: string } };
export type AdminHandler = (request: AdminRequest) => Promise<AdminReply>;

export class DataDirBusy extends Error {}

export interface DataDirLock {
  readonly socketPath: string;
  /** From now on admin requests are answered by `handler` (before that: "still starting"). */
  serve(handler: AdminHandler): void;
  release(): Promise<void>;
}

/** Takes the folder, or throws DataDirBusy when a live process has it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const socketPath = adminSocketPath(dataDir);
  let handler: AdminHandler | null = null;
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    const lines = createInterface({ input: socket });
    lines.once('line', (line) => {
      lines.close();
      void (async (): Promise<AdminReply> => {
        if (!handler)
          return {
            ok: false,
            error: {
              error: 'busy',
              message: 'The hub is still starting (or another admin command is running); try again',
            },
          };
        let request: AdminRequest;
        try {
          request = JSON.parse(line) as AdminRequest;
        } catch {
          return { ok: false, error: { error: 'bad-request', message: 'Not JSON' } };
        }
        return handler(request);
      })().then((reply) => socket.end(JSON.stringify(reply) + '\n'));
    });
    socket.on('error', () => socket.destroy());
  });

  const listen = () => listening(server, (onListening) => server.listen(socketPath, onListening));

  try {
    await listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (process.platform === 'win32' || (await answers(socketPath))) {
      throw new DataDirBusy(
        `Another hub process is using ${dataDir} (PGlite allows one process per data folder); stop it, or run admin commands while it runs — they are passed to it`,
      );
    }
    // Left behind by a hub that was killed: nobody answers on it.
    await unlink(socketPath).catch(() => undefined);
    await listen();
  }
  if (process.platform !== 'win32') await chmod(socketPath, 0o600).catch(() => undefined);

  return {
    socketPath,
    serve(next) {
      handler = next;
    },
    async release() {
      handler = null;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sends one request to the process that owns the folder; null when no process owns it. */
export async function sendAdminRequest(
  dataDir: string,
  request: AdminRequest,
  timeoutMs = 10_000,
): Promise<AdminReply | null> {
  const socketPath = adminSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let connected = false;
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`The hub on ${dataDir} did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.once('connect', () => {
      connected = true;
      socket.write(JSON.stringify(request) + '\n');
    });
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(text) as AdminReply);
      } catch {
        reject(new Error(`The hub on ${dataDir} gave an unreadable answer`));
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) resolve(null);
      else reject(error);
    });
  });
}
