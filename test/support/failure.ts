/** Expecting a promise to fail with an error of one kind, and handing that error to the test. */
import { expect } from 'vitest';

/**
 * What `promise` rejected with. The test fails here when it resolved instead, or rejected with
 * something that is not a `kind`.
 */
export async function failureOf<E>(promise: Promise<unknown>, kind: abstract new (...args: never[]) => E): Promise<E> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(kind);
  return outcome as E;
}
