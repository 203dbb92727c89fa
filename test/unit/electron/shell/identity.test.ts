import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../../electron/shell/identity';

describe('our origin', () => {
  it.each([
    ['app://okienko/index.html#/board', true],
    ['app://okienko/', true],
    ['app://evil/index.html', false],
    ['app://okienko.evil.example/', false],
    ['app://user@okienko/', false],
    ['http://okienko/', false],
    ['file:///index.html', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['', false],
    [undefined, false],
  ] as const)('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});
