import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rule lives in eslint.config.js; these cases prove it bites, so a careless edit of
// the config cannot silently switch it off.
// The sample files do not exist, so the type-aware rules (which need a file in a tsconfig) are off.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('layering lint rule', () => {
  it.each([
    ['electron/common/domain/x.ts', "import { readFile } from 'node:fs';"],
    ['electron/common/domain/x.ts', "import React from 'react';"],
    ['electron/common/domain/x.ts', "import { Queue } from '../../../renderer/db/queue';"],
    ['electron/common/contract/x.ts', "import { createLogger } from '../../station/log';"],
    ['electron/common/sync/x.ts', "import { openHub } from '../../hub/hub';"],
    ['native/printer/x.codec.ts', "import { Buffer } from 'buffer';"],
    ['renderer/apps/x.tsx', "import { startHost } from '../../electron/host/server';"],
    ['renderer/apps/x.tsx', "import { SerialPort } from 'serialport';"],
    ['renderer/app/x.ts', "import { EscPosTicketPrinter } from '../../native/printer/ticket-printer.escpos';"],
    ['native/printer/x.ts', "import { Queue } from '../../renderer/db/queue';"],
    ['native/printer/x.ts', "import { createStation } from '../../electron/station/station';"],
    ['native/printer/x.codec.ts', "import { SerialBytePort } from '../port/serial-byte-port';"],
    ['native/id-reader/id-reader.ts', "import { IdReaderDriver } from './id-reader.driver';"],
    ['electron/station/x.ts', "import { Queue } from '../../renderer/db/queue';"],
    ['electron/hub/x.ts', "import { pickNext } from '../../renderer/domain/ordering';"],
    ['electron/station/x.ts', "import { useState } from 'react';"],
    ['electron/preload.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/preload.ts', "import { createStation } from './station/station';"],
    ['electron/preload.ts', "import { Queue } from '../renderer/db/queue';"],
    ['electron/shell/ipc-transport.ts', "import { Queue } from '../../renderer/db/queue';"],
    ['electron/common/x.ts', "import { readFile } from 'node:fs';"],
    ['electron/common/x.ts', "import { listen } from '../node/listen';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await layeringErrors(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['electron/common/domain/x.ts', "import type { Ticket } from './ticket';"],
    ['electron/common/sync/x.ts', "import { HUB_STAMP_FIELD } from '../contract/hub';"],
    ['renderer/apps/x.tsx', "import { createApi } from '../../electron/common/contract/client';"],
    ['renderer/apps/x.tsx', "import { pickNext } from '../../electron/common/domain/ordering';"],
    ['electron/station/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['electron/hub/x.ts', "import { officeDay } from '../common/domain/office-time';"],
    ['electron/station/x.ts', "import { SerialBytePort } from '../../native/port/serial-byte-port';"],
    ['native/port/x.ts', "import { SerialPort } from 'serialport';"],
    ['native/printer/x.codec.ts', "import type { PrinterCondition } from './ticket-printer';"],
    ['native/id-reader/x.codec.ts', "import { frameSwipe } from './mrz-frame.codec';"],
    ['native/id-reader/x.codec.ts', "import type { MrzDocument } from '../../electron/common/domain/identity';"],
    ['native/port/x.ts', "import { retryDelay } from '../../electron/common/backoff';"],
    ['electron/preload.ts', "import { contextBridge } from 'electron';"],
  ])('%s may: %s', async (file, code) => {
    expect(await layeringErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
