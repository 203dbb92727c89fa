import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_OFFICE, demoConfiguration } from '../../../../electron/common/domain/demo-office';
import { checkConfiguration, type OfficeConfiguration } from '../../../../electron/common/domain/office-config';
import type { OkienkoDatabase } from '../../../../renderer/db/database';
import { applyConfiguration, currentConfiguration } from '../../../../renderer/db/office-setup';
import { seedDemoOffice } from '../../../../renderer/db/seed';
import { createMemoryDatabase } from '../../../support/memory-db';

const NOW = Date.UTC(2026, 2, 10, 9, 0);

/** The demo configuration, changed by `edit` (a deep copy each time). */
function demoWith(edit: (configuration: OfficeConfiguration) => void): OfficeConfiguration {
  const configuration = demoConfiguration();
  edit(configuration);
  return configuration;
}

describe("the office's configuration in the workstation's database", () => {
  let db: OkienkoDatabase;
  beforeEach(async () => {
    db = await createMemoryDatabase({ collections: 'queue' });
  });
  afterEach(async () => {
    await db.close();
  });

  it('has none on a new installation, and reads back exactly what was applied', async () => {
    expect(await currentConfiguration(db)).toBeNull();
    await applyConfiguration(db, demoConfiguration(), NOW);
    const read = await currentConfiguration(db);
    expect(read).toEqual(demoConfiguration());
    expect(checkConfiguration(read).ok).toBe(true);
    expect((await db.office.findOne().exec())?.updatedAt).toBe(NOW);
  });

  it('replaces the whole configuration: a dropped service is kept inactive, a dropped counter is deleted, a removed field is gone', async () => {
    await applyConfiguration(db, demoConfiguration(), NOW);
    const smaller = demoWith((configuration) => {
      configuration.services = configuration.services.filter((service) => service.id !== 'cashier');
      configuration.counters = configuration.counters.filter((counter) => counter.number !== 7);
      const idCards = configuration.services.find((service) => service.id === 'id-cards')!;
      delete idCards.availability;
      idCards.letter = 'Z';
    });
    const write = await applyConfiguration(db, smaller, NOW + 1000);
    expect(write.deletedCounters).toEqual(['7']);
    expect(await db.counters.findOne('7').exec()).toBeNull();
    expect((await db.services.findOne('cashier').exec())?.toJSON()).toMatchObject({
      active: false,
      updatedAt: NOW + 1000,
    });
    const idCards = (await db.services.findOne('id-cards').exec())?.toJSON();
    expect(idCards?.letter).toBe('Z');
    expect(idCards).not.toHaveProperty('availability');
    // Read back, the retired service is in the file, inactive: the export says what the documents say.
    const read = await currentConfiguration(db);
    expect(read?.services.find((service) => service.id === 'cashier')?.active).toBe(false);
    expect(read?.counters.map((counter) => counter.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("keeps a counter's live state (open, its clerk, the priority count) across a save", async () => {
    await seedDemoOffice(db, NOW);
    await (await db.counters.findOne('1').exec())!.incrementalPatch({
      mode: 'open',
      clerk: 'anna',
      normalSinceLastPriority: 2,
    });
    await applyConfiguration(
      db,
      demoWith((configuration) => {
        configuration.counters[0]!.services = ['vehicles'];
      }),
      NOW + 1000,
    );
    expect((await db.counters.findOne('1').exec())?.toJSON()).toMatchObject({
      services: ['vehicles'],
      mode: 'open',
      clerk: 'anna',
      normalSinceLastPriority: 2,
    });
  });

  it('reads an office kept before addresses and hours were without them, and a save gives it them', async () => {
    await seedDemoOffice(db, NOW);
    await db.office.upsert({ ...DEMO_OFFICE, updatedAt: NOW });
    const before = await currentConfiguration(db);
    expect(before?.office).not.toHaveProperty('address');
    expect(before?.office).not.toHaveProperty('hours');
    expect(checkConfiguration(before).ok).toBe(true);
    const file = demoWith((configuration) => {
      configuration.office.hours = {
        mon: [{ from: '08:00', to: '18:00' }],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
        sun: [],
      };
    });
    await applyConfiguration(db, file, NOW + 1000);
    expect((await currentConfiguration(db))?.office).toEqual(file.office);
  });

  it('keeps one office: an import with another id replaces the office document', async () => {
    await applyConfiguration(db, demoConfiguration(), NOW);
    await applyConfiguration(
      db,
      demoWith((configuration) => {
        configuration.office.id = 'um-gdynia';
      }),
      NOW + 1000,
    );
    expect((await db.office.find().exec()).map((office) => office.primary)).toEqual(['um-gdynia']);
  });
});
