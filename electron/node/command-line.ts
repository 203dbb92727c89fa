/**
 * Command-line parsing shared by the browser host and the office hub: Node's `util.parseArgs`, with
 * its refusals turned into the caller's own error (which the caller prints above its usage text).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ToError = (message: string) => Error;

/** `util.parseArgs` on `config`; an unknown option or a missing value throws `toError(message)`. */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  toError: ToError,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw toError(error instanceof Error ? error.message : String(error));
  }
}

/** The whole number given for `--name`, or undefined when it was not given. */
export function wholeNumber(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  toError: ToError,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw toError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
