import { describe, expect, it } from 'vitest';
import { slotFromToken } from '../../../../electron/common/contract/hub';
import { HubFailure } from '../../../../electron/hub/errors';
import { checkStationName, formatToken, hashToken, lowestFreeSlot, newSecret } from '../../../../electron/hub/tokens';

describe('workstation tokens', () => {
  it('are okh_<slot>_<secret> with at least 32 characters of base64url secret, and name their slot', () => {
    for (const slot of [1, 9, 10, 99]) {
      const token = formatToken(slot, newSecret());
      expect(token).toMatch(/^okh_\d{1,2}_[A-Za-z0-9_-]{32,}$/);
      expect(slotFromToken(token)).toBe(slot);
    }
    expect(newSecret()).not.toBe(newSecret());
    expect(newSecret().length).toBeGreaterThanOrEqual(43);
  });

  it('a token with no or a wrong slot has none', () => {
    const secret = newSecret();
    expect(slotFromToken(`okh_0_${secret}`)).toBeNull();
    expect(slotFromToken(`okh_100_${secret}`)).toBeNull();
    expect(slotFromToken(`okh_x_${secret}`)).toBeNull();
    expect(slotFromToken('okh_5_short')).toBeNull();
    expect(slotFromToken(`Bearer okh_5_${secret}`)).toBeNull();
  });

  it('are stored as a SHA-256 hash, never as themselves', () => {
    const token = formatToken(3, newSecret());
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token.slice(6));
  });

  it('take the lowest free slot, none after 99', () => {
    expect(lowestFreeSlot([])).toBe(1);
    expect(lowestFreeSlot([1, 2, 4])).toBe(3);
    expect(lowestFreeSlot(Array.from({ length: 99 }, (_, i) => i + 1))).toBeNull();
  });

  it('belong to stations with plain names', () => {
    expect(() => checkStationName('kiosk-parter')).not.toThrow();
    expect(() => checkStationName('okienko.3_b')).not.toThrow();
    for (const bad of ['', '-x', 'a b', 'ą', 'x'.repeat(65)]) expect(() => checkStationName(bad)).toThrow(HubFailure);
  });
});
