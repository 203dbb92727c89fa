/**
 * The preload of every Okienko window. It exposes exactly one object, `window.okienko`: the typed
 * contract API (`okienko.printer.printTicket(req)`, `okienko.on('printer.status', fn)`) built by
 * `createApi` over an IPC transport that knows only the contract's channels. Never `ipcRenderer`
 * itself, never a generic send.
 *
 * The window is sandboxed, so this file may `require` only a few Electron-provided modules: it is
 * bundled (build/scripts/build-electron.ts) into out/electron/preload.cjs with nothing but
 * `electron` left external, and test/unit/build/scripts/build-electron.test.ts checks that.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './common/contract/client';
import { createIpcTransport } from './shell/ipc-transport';

contextBridge.exposeInMainWorld('okienko', createApi(createIpcTransport(ipcRenderer)));
