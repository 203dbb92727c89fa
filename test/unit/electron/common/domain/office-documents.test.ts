import { describe, expect, it } from 'vitest';
import { demoConfiguration } from '../../../../../electron/common/domain/demo-office';
import { checkConfiguration } from '../../../../../electron/common/domain/office-config';
import { configurationOf, documentsFor } from '../../../../../electron/common/domain/office-documents';
import type { CounterDoc } from '../../../../../electron/common/domain/schemas';

const NOTHING = { services: [], counters: [] };

describe('the configuration file and its documents', () => {
  it('reads back as the file it was written from', () => {
    const written = documentsFor(demoConfiguration(), NOTHING, 1000);
    expect(configurationOf(written.office, written.services, written.counters)).toEqual(demoConfiguration());
    expect(checkConfiguration(configurationOf(written.office, written.services, written.counters)).ok).toBe(true);
  });

  it('keeps a retired service inactive, deletes a dropped counter and keeps a live counter open', () => {
    const before = documentsFor(demoConfiguration(), NOTHING, 1000);
    const open: CounterDoc = { ...before.counters[0]!, mode: 'open', clerk: 'anna', normalSinceLastPriority: 2 };
    const smaller = demoConfiguration();
    smaller.services = smaller.services.filter((service) => service.id !== 'cashier');
    smaller.counters = smaller.counters.filter((counter) => counter.number !== 7);
    const after = documentsFor(
      smaller,
      { services: before.services, counters: [open, ...before.counters.slice(1)] },
      2000,
    );
    expect(after.services.find((service) => service.id === 'cashier')).toMatchObject({
      active: false,
      updatedAt: 2000,
    });
    expect(after.deletedCounters).toEqual(['7']);
    expect(after.counters[0]).toMatchObject({
      mode: 'open',
      clerk: 'anna',
      normalSinceLastPriority: 2,
      updatedAt: 2000,
    });
    expect(after.counters[1]).toMatchObject({ mode: 'closed', clerk: '' });
  });

  it('exports an office kept before addresses, hours and closures existed as a file that passes its check', () => {
    const { office, services, counters } = documentsFor(demoConfiguration(), NOTHING, 1000);
    const { address: _address, closures: _closures, ...old } = office;
    const file = configurationOf(old, services, counters);
    expect(file.office.hours).toBeUndefined();
    expect(file.office.closures).toEqual([]);
    expect(checkConfiguration(file).ok).toBe(true);
  });
});
