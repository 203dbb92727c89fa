import { useEffect, useState } from 'react';
import type { PrinterState } from '../../electron/common/contract/printer';
import { useWorkstation } from './workstation';

/** The printer's live state: asked once, then kept current by the station's events. */
export function usePrinterState(): PrinterState | null {
  const { api } = useWorkstation();
  const [state, setState] = useState<PrinterState | null>(null);
  useEffect(() => {
    let live = true;
    void api.printer.status({}).then((result) => {
      if (live && result.ok) setState(result.value);
    });
    const off = api.on('printer.status', (next) => setState(next));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return state;
}

export const PRINTER_PROBLEMS = new Set(['paper-out', 'cover-open', 'offline', 'error', 'no-answer']);
