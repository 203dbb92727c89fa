import { describe, expect, it } from 'vitest';
import { demoConfiguration } from '../../../../../electron/common/domain/demo-office';
import { checkConfiguration } from '../../../../../electron/common/domain/office-config';
import {
  appendAt,
  draftOf,
  emptyConfiguration,
  exportFileName,
  getAt,
  newCounter,
  newRule,
  newService,
  removeService,
  renameService,
  setAt,
} from '../../../../../renderer/apps/office/draft';
import { placeOf, problemsByPlace } from '../../../../../renderer/apps/office/problems';

describe("the set-up screen's draft", () => {
  it('starts a new installation in Warsaw, open Monday to Friday 8–16, with nothing to save until filled in', () => {
    const draft = emptyConfiguration();
    expect(draft.office.timeZone).toBe('Europe/Warsaw');
    expect(draft.office.hours?.mon).toEqual([{ from: '08:00', to: '16:00' }]);
    expect(draft.office.hours?.sat).toEqual([]);
    const check = checkConfiguration(draft);
    expect(check.ok).toBe(false);
    const places = check.ok ? [] : check.problems.map((problem) => placeOf(problem.path).join('.'));
    expect(places).toEqual(expect.arrayContaining(['office.id', 'office.name.pl', 'services', 'counters']));
  });

  it('reads an office kept before closures were as one with none', () => {
    const { closures: _closures, ...old } = demoConfiguration().office;
    expect(draftOf({ ...demoConfiguration(), office: old as never }).office.closures).toEqual([]);
    expect(draftOf(demoConfiguration())).toEqual(demoConfiguration());
  });

  it('changes one value and shares the rest; undefined takes an optional field or a list item out', () => {
    const draft = demoConfiguration();
    const changed = setAt(draft, ['services', 1, 'letter'], 'X');
    expect(changed.services[1]!.letter).toBe('X');
    expect(draft.services[1]!.letter).toBe('B');
    expect(changed.services[0]).toBe(draft.services[0]);
    expect(changed.counters).toBe(draft.counters);
    const noLimit = setAt(setAt(draft, ['services', 0, 'dailyLimit'], 5), ['services', 0, 'dailyLimit'], undefined);
    expect(noLimit.services[0]).not.toHaveProperty('dailyLimit');
    const fewer = setAt(draft, ['counters', 0], undefined);
    expect(fewer.counters.map((counter) => counter.number)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(
      getAt(appendAt(draft, ['office', 'closures'], { day: '2026-05-04' }), ['office', 'closures', 0, 'day']),
    ).toBe('2026-05-04');
  });

  it('adds a service with a free letter and id, a counter with the next number, and a rule with a free id', () => {
    const draft = demoConfiguration();
    const service = newService(draft);
    expect(service).toMatchObject({ id: 'usluga-1', letter: 'G', position: 9, active: true });
    const counter = newCounter(draft);
    expect(counter).toMatchObject({ number: 8, name: { pl: 'Stanowisko 8' }, services: [] });
    const idCards = draft.services.find((candidate) => candidate.id === 'id-cards')!;
    expect(newRule(idCards).id).toBe('regula-1');
    // The new pieces, named and served, make a configuration that passes.
    const filled = {
      ...draft,
      services: [...draft.services, { ...service, name: { pl: 'Śluby', en: 'Weddings', uk: 'Шлюби' } }],
      counters: [...draft.counters, { ...counter, services: [service.id] }],
    };
    expect(checkConfiguration(filled).ok).toBe(true);
  });

  it('renames and removes a service in the counters that serve it too', () => {
    const draft = demoConfiguration();
    const renamed = renameService(draft, 0, 'pojazdy');
    expect(renamed.services[0]!.id).toBe('pojazdy');
    expect(renamed.counters[0]!.services).toEqual(['pojazdy', 'licences']);
    const removed = removeService(draft, 0);
    expect(removed.services.map((service) => service.id)).not.toContain('vehicles');
    expect(removed.counters[0]!.services).toEqual(['licences']);
    // While a new service's id is typed to another's, the counters still mean that other one.
    const twin = setAt(draft, ['services', 1, 'id'], 'vehicles');
    expect(renameService(twin, 1, 'vehicles-2').counters[0]!.services).toEqual(['vehicles', 'licences']);
  });

  it('names the export after the office and the day', () => {
    expect(exportFileName('um-demo', '2026-03-10')).toBe('okienko-office-um-demo-2026-03-10.json');
  });
});

describe('where a problem shows', () => {
  it('at its field, or at the nearest group the screen has', () => {
    expect(placeOf(['services', 2, 'letter'])).toEqual(['services', 2, 'letter']);
    expect(placeOf(['services', 2, 'searchWords', 'pl', 3])).toEqual(['services', 2, 'searchWords', 'pl']);
    expect(placeOf(['services', 0, 'availability', 1])).toEqual(['services', 0, 'availability', 1]);
    expect(placeOf(['office', 'hours', 'mon', 0, 'to'])).toEqual(['office', 'hours', 'mon', 0, 'to']);
    expect(placeOf(['office', 'hours', 'mon', 0])).toEqual(['office', 'hours', 'mon']);
    expect(placeOf(['counters', 1, 'services', 0])).toEqual(['counters', 1, 'services']);
    expect(placeOf(['office', 'unknown'])).toEqual(['office']);
    expect(placeOf(['format'])).toEqual([]);
  });

  it('groups a check’s problems by place: two services with one letter name the second', () => {
    const draft = setAt(demoConfiguration(), ['services', 1, 'letter'], 'A');
    const check = checkConfiguration(draft);
    expect(check.ok).toBe(false);
    const byPlace = problemsByPlace(check.ok ? [] : check.problems);
    expect([...byPlace.keys()]).toEqual(['cfg-services-1-letter']);
  });
});
