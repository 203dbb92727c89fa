import { describe, expect, it } from 'vitest';
import {
  clientVersionProblem,
  compareVersions,
  MIN_CLIENT_VERSION,
  parseVersion,
} from '../../../../electron/hub/client-version';
import { APP_VERSION } from '../../../../electron/station/version';

const v = (text: string) => parseVersion(text)!;

describe('client versions', () => {
  it('order as semantic versions, pre-releases before their release', () => {
    const sorted = [
      '0.0.9',
      '0.1.0-alpha',
      '0.1.0-alpha.2',
      '0.1.0-alpha.10',
      '0.1.0-beta',
      '0.1.0',
      '0.1.1',
      '0.10.0',
      '1.0.0',
    ];
    for (let i = 1; i < sorted.length; i++) expect(compareVersions(v(sorted[i - 1]!), v(sorted[i]!))).toBeLessThan(0);
    expect(compareVersions(v('1.2.3+build.5'), v('1.2.3'))).toBe(0);
    expect(parseVersion('1.2')).toBeNull();
  });

  it('this app is new enough for its own hub', () => {
    expect(clientVersionProblem(APP_VERSION)).toBeNull();
    expect(compareVersions(v(APP_VERSION), v(MIN_CLIENT_VERSION))).toBeGreaterThanOrEqual(0);
  });

  it('an old, missing or garbled version gets a sentence an administrator can act on', () => {
    expect(clientVersionProblem('0.0.9', '0.1.0')).toBe(
      'Okienko 0.0.9 is too old for this hub; install 0.1.0 or newer',
    );
    expect(clientVersionProblem(undefined, '0.1.0')).toMatch(
      /does not say which Okienko.*install Okienko 0.1.0 or newer/,
    );
    expect(clientVersionProblem('banana', '0.1.0')).toMatch(/not an Okienko version/);
    expect(clientVersionProblem('0.2.0', '0.1.0')).toBeNull();
  });
});
