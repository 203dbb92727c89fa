import { describe, expect, it } from 'vitest';
import { parseCommandLine, wholeNumber } from '../../../../electron/node/command-line';

class Refused extends Error {}
const refuse = (message: string) => new Refused(message);

describe('command-line parsing', () => {
  it("turns util.parseArgs's refusals into the caller's error", () => {
    const options = { port: { type: 'string' } } as const;
    expect(parseCommandLine({ args: ['--port', '1'], options, strict: true }, refuse).values).toEqual({ port: '1' });
    expect(() => parseCommandLine({ args: ['--colour'], options, strict: true }, refuse)).toThrow(Refused);
  });

  it('reads a whole number in a range, and says which option was wrong', () => {
    expect(wholeNumber('port', undefined, 0, 65535, refuse)).toBeUndefined();
    expect(wholeNumber('port', '8080', 0, 65535, refuse)).toBe(8080);
    expect(() => wholeNumber('port', '70000', 0, 65535, refuse)).toThrow(
      new Refused('--port must be a whole number from 0 to 65535, not "70000"'),
    );
    expect(() => wholeNumber('baud', '9.5', 300, 4_000_000, refuse)).toThrow(Refused);
  });
});
