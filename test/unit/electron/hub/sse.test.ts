import { describe, expect, it } from 'vitest';
import { sseComment, sseEvent } from '../../../../electron/hub/sse';
import { parseSse } from '../../../support/hub-process';

describe('server-sent event framing', () => {
  it('writes an event line, one data line per line of data, and a blank line', () => {
    expect(sseEvent('change', { a: 1 })).toBe('event: change\ndata: {"a":1}\n\n');
    expect(sseEvent('note', 'one\ntwo\r\nthree')).toBe('event: note\ndata: one\ndata: two\ndata: three\n\n');
  });

  it('cannot be broken by a line break in the data or smuggled by one in the name', () => {
    const data = { text: 'line\n\nevent: fake\ndata: x' };
    const { messages, rest } = parseSse(sseEvent('change', data) + sseEvent('ready', {}));
    expect(rest).toBe('');
    expect(messages).toEqual([
      { event: 'change', data: JSON.stringify(data) },
      { event: 'ready', data: '{}' },
    ]);
    expect(() => sseEvent('a\nb', {})).toThrow();
  });

  it('writes heartbeats as comments, which a reader ignores', () => {
    expect(sseComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(sseComment('a\nb')).toBe(': a b\n\n');
    expect(parseSse(sseComment('heartbeat') + 'retry: 2000\n\n' + sseEvent('x', 1)).messages).toEqual([
      { event: 'x', data: '1' },
    ]);
  });

  it('keeps a partial event for the next chunk', () => {
    const frame = sseEvent('change', { long: 'x'.repeat(100) });
    const first = parseSse(frame.slice(0, 40));
    expect(first.messages).toEqual([]);
    expect(parseSse(first.rest + frame.slice(40)).messages).toHaveLength(1);
  });
});
