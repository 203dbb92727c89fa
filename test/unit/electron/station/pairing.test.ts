/**
 * Pairing a screen on another machine (electron/station/pairing.ts): a customer screen is paired
 * for one counter, kept with it in `paired-screens.json` and identified with it; a board has none.
 * A file written before screens named their counter still reads, and its customer screens are held
 * to no counter (the host then gives them no visitor's data).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PairingStart } from '../../../../electron/common/contract/pairing';
import { CODE_LIFETIME_MS, PAIRED_FILE, ScreenPairing } from '../../../../electron/station/pairing';

let dir: string;
let clock = 1_800_000_000_000;
const now = () => clock;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-pairing-unit-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts and redeems a code for `target`: what the screen's browser would be given. */
async function paired(pairing: ScreenPairing, target: PairingStart) {
  const { code } = pairing.start(target);
  const redeemed = await pairing.redeem(code);
  if (!redeemed) throw new Error('the code was not redeemed');
  return redeemed;
}

describe('pairing a screen', () => {
  it('keeps a customer screen with its counter, and gives it back at redeem, identify and list', async () => {
    const pairing = new ScreenPairing(dir, now);
    const customer = await paired(pairing, { kind: 'customer', counter: 4 });
    expect(customer).toEqual({ credential: expect.any(String), kind: 'customer', counter: 4 });
    expect(await pairing.identify(customer.credential)).toEqual({
      id: expect.any(String),
      kind: 'customer',
      counter: 4,
    });

    const board = await paired(pairing, { kind: 'board' });
    expect(board).toEqual({ credential: expect.any(String), kind: 'board' });
    expect(await pairing.identify(board.credential)).not.toHaveProperty('counter');

    expect(await pairing.list()).toEqual([
      { id: expect.any(String), kind: 'customer', counter: 4, pairedAt: clock, revokedAt: null },
      { id: expect.any(String), kind: 'board', pairedAt: clock, revokedAt: null },
    ]);
    // On disk: the counter beside the credential's hash, never the credential.
    const file = await readFile(path.join(dir, PAIRED_FILE), 'utf8');
    expect(JSON.parse(file).screens[0]).toMatchObject({ kind: 'customer', counter: 4 });
    expect(file).not.toContain(customer.credential);
    // A new station (a restart) reads it back the same.
    expect(await new ScreenPairing(dir, now).identify(customer.credential)).toMatchObject({ counter: 4 });
  });

  it('refuses a customer screen without a counter (or out of range), and a board with one', () => {
    const pairing = new ScreenPairing(dir, now);
    const refused = (target: unknown) => () => pairing.start(target as PairingStart);
    for (const target of [
      { kind: 'customer' },
      { kind: 'customer', counter: 0 },
      { kind: 'customer', counter: 1000 },
      { kind: 'customer', counter: 2.5 },
      { kind: 'board', counter: 4 },
    ])
      expect(refused(target), JSON.stringify(target)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });

  it('gives nothing for a wrong, used or expired code', async () => {
    const pairing = new ScreenPairing(dir, now);
    expect(await pairing.redeem('000000')).toBeNull();
    const { code } = pairing.start({ kind: 'customer', counter: 2 });
    expect(await pairing.redeem(code)).not.toBeNull();
    expect(await pairing.redeem(code)).toBeNull();
    const late = pairing.start({ kind: 'customer', counter: 2 });
    clock += CODE_LIFETIME_MS;
    expect(await pairing.redeem(late.code)).toBeNull();
  });

  it('reads a file from before counters: its customer screen is held to no counter until paired again', async () => {
    const credential = 'old-customer-screen-credential';
    const old = {
      version: 1,
      screens: [
        {
          id: 'a1b2c3d4e5f6',
          kind: 'customer',
          credentialHash: createHash('sha256').update(credential).digest('hex'),
          pairedAt: 1_700_000_000_000,
          revokedAt: null,
        },
      ],
    };
    await writeFile(path.join(dir, PAIRED_FILE), JSON.stringify(old));
    const pairing = new ScreenPairing(dir, now);
    expect(await pairing.identify(credential)).toEqual({ id: 'a1b2c3d4e5f6', kind: 'customer' });
    expect(await pairing.list()).toEqual([
      { id: 'a1b2c3d4e5f6', kind: 'customer', pairedAt: 1_700_000_000_000, revokedAt: null },
    ]);
    // Pairing another keeps the old one as it was, revocable as ever.
    await paired(pairing, { kind: 'customer', counter: 7 });
    expect(await pairing.revoke('a1b2c3d4e5f6')).toEqual([
      { id: 'a1b2c3d4e5f6', kind: 'customer', pairedAt: 1_700_000_000_000, revokedAt: clock },
      expect.objectContaining({ kind: 'customer', counter: 7, revokedAt: null }),
    ]);
    expect(await pairing.identify(credential)).toBeNull();
  });
});
