import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/station/log';

describe('the station log', () => {
  it('writes one JSON line per entry and keeps personal data out', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line), scope: 'test' });
    log.info('swipe read for 44051401359 with ABA123456', {
      pesel: '44051401359',
      ticket: 'A12',
      name: 'Anna',
      note: 'id ABS123456',
    });
    log.debug('not shown at info level');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({
      level: 'info',
      scope: 'test',
      ticket: 'A12',
      pesel: '[redacted]',
      name: '[redacted]',
    });
    expect(entry.message).toBe('swipe read for [pesel] with [id-number]');
    expect(entry.note).toBe('id [id-number]');
    expect(lines[0]).not.toMatch(/44051401359|ABA123456|Anna/);
  });
});
