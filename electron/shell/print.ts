/**
 * Printing a visitor's PDF in Electron: the station spools it (`documents.print`), then the shell
 * opens it in a hidden window with Chromium's PDF viewer and calls the system's print dialog on it
 * (Electron ≥ 32 prints a PDF document itself, electron/electron#43309), and deletes the file when
 * the dialog closes. The browser host never gets here: the browser prints the PDF it downloaded.
 */
import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { ChannelName } from '../common/contract/contract';
import type { Result } from '../common/contract/result';
import type { StationCall } from './ipc-main';

/** The part of a BrowserWindow the printing needs. */
export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  readonly webContents: {
    print(options: { silent: boolean; printBackground: boolean }, callback: (success: boolean) => void): void;
  };
  destroy(): void;
}

export type PrintWindowFactory = (options: {
  show: boolean;
  webPreferences: { plugins: boolean; sandbox: boolean; contextIsolation: boolean; nodeIntegration: boolean };
}) => PrintWindowLike;

/** Opens the system's print dialog on `file`; resolves once it closes (printed or not), the file gone. */
export async function printPdfFile(file: string, newWindow: PrintWindowFactory): Promise<boolean> {
  const window = newWindow({
    show: false,
    webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  try {
    await window.loadURL(pathToFileURL(file).href);
    return await new Promise<boolean>((resolve) =>
      window.webContents.print({ silent: false, printBackground: true }, resolve),
    );
  } finally {
    window.destroy();
    await rm(file, { force: true });
  }
}

/** The station's calls, with `documents.print` followed by the print dialog on the spooled file. */
export function withPrinting(call: StationCall, print: (file: string) => Promise<boolean>): StationCall {
  return async (window, channel: ChannelName, payload) => {
    const result: Result<unknown> = await call(window, channel, payload);
    if (channel !== 'documents.print' || !result.ok) return result;
    const { file } = result.value as { file: string };
    await print(file);
    return result;
  };
}
