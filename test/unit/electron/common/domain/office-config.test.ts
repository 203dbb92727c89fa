/**
 * The office's configuration file: the demo office passes and survives a round trip through JSON;
 * a table of ways to break it, each refused with the exact problem (code, field) the set-up screen
 * and an import show; the words of every problem in Polish, English and Ukrainian.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_HOURS, demoConfiguration } from '../../../../../electron/common/domain/demo-office';
import {
  checkConfiguration,
  checkConfigurationText,
  CONFIG_PROBLEM_CODES,
  describeConfigProblem,
  type ConfigProblem,
  type OfficeConfiguration,
} from '../../../../../electron/common/domain/office-config';

type Hours = NonNullable<OfficeConfiguration['office']['hours']>;
type Draft = ReturnType<typeof demoConfiguration> & { office: { hours: Hours } } & Record<string, unknown>;

/** The demo configuration, with a town hall's usual opening hours, and one change made by `bend`. */
function bent(bend: (draft: Draft) => void): unknown {
  const draft = structuredClone(demoConfiguration()) as Draft;
  draft.office.hours = structuredClone(DEMO_HOURS) as Hours;
  bend(draft);
  return draft;
}

function problemsOf(raw: unknown): readonly ConfigProblem[] {
  const checked = checkConfiguration(raw);
  return checked.ok ? [] : checked.problems;
}

describe('the office configuration file', () => {
  it('the demo office passes, and comes back the same from its JSON', () => {
    const checked = checkConfigurationText(JSON.stringify(demoConfiguration(), null, 2));
    expect(checked.ok ? [] : checked.problems).toEqual([]);
    expect((checked as { configuration: OfficeConfiguration }).configuration).toEqual(demoConfiguration());
  });

  it.each<[string, (draft: Draft) => void, ConfigProblem]>([
    [
      'another kind of file',
      (d) => void Object.assign(d, { format: 'something' }),
      { code: 'wrong-file', path: ['format'], detail: 'okienko-office' },
    ],
    [
      'a missing time zone',
      (d) => void delete (d.office as Partial<Draft['office']>).timeZone,
      { code: 'required', path: ['office', 'timeZone'] },
    ],
    [
      'an unknown time zone',
      (d) => void (d.office.timeZone = 'Europe/Krakow'),
      { code: 'bad-value', path: ['office', 'timeZone'], detail: 'Europe/Warsaw' },
    ],
    [
      'an hour written badly',
      (d) => void (d.office.hours.mon[0]!.from = '8:00'),
      { code: 'bad-format', path: ['office', 'hours', 'mon', 0, 'from'], detail: 'HH:MM' },
    ],
    [
      'a day closing before it opens',
      (d) => void (d.office.hours.tue = [{ from: '16:00', to: '08:00' }]),
      { code: 'empty-range', path: ['office', 'hours', 'tue', 0, 'to'], detail: '16:00–08:00' },
    ],
    [
      'overlapping hours',
      (d) =>
        void (d.office.hours.wed = [
          { from: '08:00', to: '12:00' },
          { from: '11:00', to: '15:00' },
        ]),
      { code: 'ranges-overlap', path: ['office', 'hours', 'wed'], detail: '08:00–12:00' },
    ],
    [
      'a closure on a day that does not exist',
      (d) => void d.office.closures.push({ day: '2026-02-30', reason: { pl: 'x', en: 'x', uk: 'x' } }),
      { code: 'bad-value', path: ['office', 'closures', 0, 'day'], detail: 'RRRR-MM-DD' },
    ],
    [
      'a status address without the ticket',
      (d) => void (d.office.statusUrl = 'https://kolejka.example/t/'),
      { code: 'bad-value', path: ['office', 'statusUrl'], detail: 'https://…/{id}' },
    ],
    [
      'a target wait of no minutes',
      (d) => void (d.office.targetWaitMinutes = 0),
      { code: 'too-small', path: ['office', 'targetWaitMinutes'], detail: '1' },
    ],
    [
      'two services with one letter',
      (d) => void (d.services[1]!.letter = 'A'),
      { code: 'duplicate-letter', path: ['services', 1, 'letter'], detail: 'A' },
    ],
    [
      'two services with one id',
      (d) => {
        d.services[2]!.id = 'vehicles';
        for (const counter of d.counters) counter.services = counter.services.filter((id) => id !== 'id-cards');
      },
      { code: 'duplicate-id', path: ['services', 2, 'id'], detail: 'vehicles' },
    ],
    [
      'a lower-case letter',
      (d) => void (d.services[0]!.letter = 'a'),
      { code: 'bad-format', path: ['services', 0, 'letter'], detail: 'A–Z' },
    ],
    [
      'an empty Ukrainian name',
      (d) => void (d.services[0]!.name.uk = ' '),
      { code: 'empty-text', path: ['services', 0, 'name', 'uk'] },
    ],
    [
      'a priority reason the office does not accept',
      (d) => {
        d.office.priorityReasons = ['disability'];
        d.services[0]!.priorityReasons = ['senior'];
      },
      { code: 'reason-not-accepted', path: ['services', 0, 'priorityReasons', 0], detail: 'senior' },
    ],
    [
      'a slot longer than its rule',
      (d) => void (d.services[2]!.availability![0]!.to = '08:10'),
      { code: 'empty-range', path: ['services', 2, 'availability', 0, 'to'], detail: '08:00–08:10' },
    ],
    [
      'two rules giving slots at once',
      (d) =>
        void d.services[2]!.availability!.push({
          ...d.services[2]!.availability![0]!,
          id: 'druga',
          weekdays: ['mon'],
          from: '11:00',
          to: '13:00',
        }),
      { code: 'rules-overlap', path: ['services', 2, 'availability', 1], detail: 'przed-poludniem' },
    ],
    [
      'a rule valid until before it starts',
      (d) =>
        void Object.assign(d.services[2]!.availability![0]!, { validFrom: '2027-01-10', validUntil: '2027-01-01' }),
      {
        code: 'bad-validity',
        path: ['services', 2, 'availability', 0, 'validUntil'],
        detail: '2027-01-10 > 2027-01-01',
      },
    ],
    [
      'slots of 3 minutes',
      (d) => void (d.services[2]!.availability![0]!.slotMinutes = 3),
      { code: 'too-small', path: ['services', 2, 'availability', 0, 'slotMinutes'], detail: '5' },
    ],
    [
      'a counter numbered twice',
      (d) => void (d.counters[1]!.number = 1),
      { code: 'duplicate-number', path: ['counters', 1, 'number'], detail: '1' },
    ],
    [
      'a counter naming a service that is not there',
      (d) => void d.counters[0]!.services.push('paszporty'),
      { code: 'unknown-service', path: ['counters', 0, 'services', 2], detail: 'paszporty' },
    ],
    [
      'a field nobody knows',
      (d) => void Object.assign(d.counters[0]!, { colour: 'red' }),
      { code: 'unknown-field', path: ['counters', 0], detail: 'colour' },
    ],
    ['no counters', (d) => void (d.counters = []), { code: 'too-few', path: ['counters'], detail: '1' }],
  ])('%s is refused, naming the field', (_name, bend, expected) => {
    expect(problemsOf(bent(bend))).toEqual([expected]);
  });

  it('text that is not JSON is refused as unreadable', () => {
    expect(checkConfigurationText('{"format": "okienko-office",')).toEqual({
      ok: false,
      problems: [{ code: 'unreadable', path: [] }],
    });
  });

  it('says every problem in Polish, English and Ukrainian, naming the field', () => {
    const problem: ConfigProblem = { code: 'duplicate-letter', path: ['services', 2, 'letter'], detail: 'A' };
    expect(describeConfigProblem(problem)).toBe(
      'Pole „services[2].letter”: litera „A” jest już użyta przez inną usługę',
    );
    expect(describeConfigProblem(problem, 'en')).toBe(
      'Field “services[2].letter”: the letter “A” is already used by another service',
    );
    expect(describeConfigProblem(problem, 'uk')).toBe(
      'Поле «services[2].letter»: літера «A» уже використана іншою послугою',
    );
    for (const code of CONFIG_PROBLEM_CODES)
      for (const language of ['pl', 'en', 'uk'] as const) {
        const words = describeConfigProblem({ code, path: ['office'], detail: 'x' }, language);
        expect(words, `${code} ${language}`).not.toContain('{detail}');
        expect(words.length).toBeGreaterThan(15);
      }
  });
});
