import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, parseSettings, saveSettings } from '../../../../electron/station/settings-store';

const newId = () => 'ws-fixed';

describe('the settings file', () => {
  it('a missing file gives defaults and is written so the station id sticks', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'okienko-settings-'));
    const first = await loadSettings(dir);
    expect(first.problems).toEqual([]);
    expect(first.settings.printer).toBeNull();
    const second = await loadSettings(dir);
    expect(second.settings.stationId).toBe(first.settings.stationId);
  });

  it('a bad field is named, replaced by its default, and the rest still applies', () => {
    const loaded = parseSettings(
      JSON.stringify({
        stationId: 'ws-7',
        counter: 4,
        host: { port: 'eighty' },
        printer: { path: '/dev/ttyUSB0', baudRate: -5 },
        colour: 'blue',
      }),
      newId,
    );
    expect(loaded.settings.stationId).toBe('ws-7');
    expect(loaded.settings.counter).toBe(4);
    expect(loaded.settings.host.port).toBe(8080);
    expect(loaded.settings.printer).toBeNull();
    expect(loaded.problems.map((problem) => problem.field)).toEqual(['host.port', 'printer.baudRate', 'colour']);
  });

  it('the ID reader and the signature pad: line settings and USB ids checked by field, defaults filled in', () => {
    const good = parseSettings(
      JSON.stringify({
        stationId: 'ws-8',
        idReader: { path: '/dev/ttyUSB1', match: { vendorId: '0403', productId: '6001', serialNumber: 'FT42' } },
        signaturePad: { path: 'COM4', baudRate: 9600 },
      }),
      newId,
    );
    expect(good.problems).toEqual([]);
    expect(good.settings.idReader).toMatchObject({
      path: '/dev/ttyUSB1',
      baudRate: 9600,
      framing: 'auto',
      match: { vendorId: '0403', productId: '6001', serialNumber: 'FT42' },
    });
    expect(good.settings.signaturePad).toMatchObject({ path: 'COM4', baudRate: 9600, parity: 'odd' });

    const bad = parseSettings(
      JSON.stringify({
        stationId: 'ws-8',
        idReader: { path: '/dev/ttyUSB1', framing: 'desk0', match: { vendorId: 'USB', productId: '6001' } },
        signaturePad: { path: '', parity: 'sometimes' },
      }),
      newId,
    );
    expect(bad.settings.stationId).toBe('ws-8');
    expect(bad.settings.idReader).toBeNull();
    expect(bad.settings.signaturePad).toBeNull();
    expect(bad.problems.map((problem) => problem.field).sort()).toEqual([
      'idReader.framing',
      'idReader.match.vendorId',
      'signaturePad.parity',
      'signaturePad.path',
    ]);
    expect(bad.problems.find((problem) => problem.field === 'idReader.match.vendorId')?.message).toMatch(
      /4 hex digits/,
    );
  });

  it('a corrupt file is reported, not overwritten', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'okienko-settings-'));
    await writeFile(path.join(dir, 'settings.json'), '{"stationId": "ws-1", "printer": {');
    const loaded = await loadSettings(dir);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]?.field).toBe('(file)');
    expect(loaded.problems[0]?.message).toMatch(/JSON/);
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toBe('{"stationId": "ws-1", "printer": {');
    expect(parseSettings('[1,2]', newId).problems[0]?.message).toBe('expected a JSON object');
  });

  it('saves atomically and refuses invalid settings', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'okienko-settings-'));
    const saved = await saveSettings(dir, {
      stationId: 'ws-2',
      printer: { path: '/dev/ttyS0', baudRate: 115200, rtscts: true },
    });
    expect(saved.printer).toMatchObject({
      path: '/dev/ttyS0',
      baudRate: 115200,
      rtscts: true,
      model: 'epson-tm-t20iii',
    });
    expect(await readdir(dir)).toEqual(['settings.json']);
    await expect(saveSettings(dir, { stationId: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')).stationId).toBe('ws-2');
  });
});
