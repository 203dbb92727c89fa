/**
 * The office's whole configuration as one file — the office, its services, its counters — so a
 * city rolls one set-up out to many offices, and the admin's set-up screen checks what it saves
 * with the same rules. An import is checked whole before anything is written: the schema, then
 * what a schema cannot say (unique letters, ids and numbers; a counter naming a service that
 * exists; a service's priority reasons among the office's; availability rules that do not overlap;
 * a time zone the platform knows). Every problem names its field (`services[2].letter`) and says
 * what is wrong in Polish, English or Ukrainian (describeConfigProblem).
 */
import { z } from 'zod';
import { WEEKDAYS, minutesOf, type Weekday } from './calendar';
import { SERVICE_IDENTITY_FIELDS } from './identity';
import { PRIORITY_REASONS, type Language } from './office';
import {
  capitalise,
  fillDetail,
  formatPath,
  parseOrProblems,
  PLACE_WORDS,
  SCHEMA_PROBLEM_CODES,
  SCHEMA_WORDS,
  type Path,
} from '../validation/schema-problems';

export const CONFIG_FORMAT = 'okienko-office';
export const CONFIG_VERSION = 1;

const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(64);
const Text = (max: number) => z.string().trim().min(1).max(max);
const LocalizedSchema = z.strictObject({ pl: Text(300), en: Text(300), uk: Text(300) });
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'RRRR-MM-DD')
  .refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'RRRR-MM-DD');

const TimeRangeSchema = z.strictObject({ from: Time, to: Time });
const HoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, z.array(TimeRangeSchema).max(4)])) as Record<
    Weekday,
    z.ZodArray<typeof TimeRangeSchema>
  >,
);

const PriorityRuleSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('strict') }),
  z.strictObject({ mode: z.literal('ratio'), normalPerPriority: z.number().int().min(1).max(20) }),
]);

export const OfficeSettingsSchema = z.strictObject({
  id: Slug,
  name: LocalizedSchema,
  address: Text(300).optional(),
  timeZone: z.string().refine(isTimeZone, 'Europe/Warsaw'),
  /**
   * Absent: the office keeps no opening hours — the kiosk issues tickets at any time and bookings
   * follow the availability rules alone (the demo office, so it can be tried at any hour).
   */
  hours: HoursSchema.optional(),
  closures: z.array(z.strictObject({ day: Day, reason: LocalizedSchema })).max(366),
  priorityRule: PriorityRuleSchema,
  priorityReasons: z.array(z.enum(PRIORITY_REASONS)),
  ticketNote: LocalizedSchema,
  statusUrl: z.url({ protocol: /^https?$/ }).refine((url) => url.includes('{id}'), 'https://…/{id}'),
  appointmentGraceMinutes: z.number().int().min(0).max(120),
  /** The wait the office aims at, in minutes: the reports' share served within it (absent: 15). */
  targetWaitMinutes: z.number().int().min(1).max(480).optional(),
});

export const AvailabilityRuleSchema = z.strictObject({
  id: Slug,
  weekdays: z.array(z.enum(WEEKDAYS)).min(1).max(7),
  from: Time,
  to: Time,
  slotMinutes: z.number().int().min(5).max(240),
  parallel: z.number().int().min(1).max(50),
  validFrom: Day.optional(),
  validUntil: Day.optional(),
  bookableDaysAhead: z.number().int().min(0).max(365),
  closesMinutesBefore: z
    .number()
    .int()
    .min(0)
    .max(14 * 24 * 60),
  dailyLimit: z.number().int().min(1).max(1000).optional(),
});

const SearchWordsSchema = z.strictObject({
  pl: z.array(Text(80)).max(50),
  en: z.array(Text(80)).max(50),
  uk: z.array(Text(80)).max(50),
});

export const ServiceSettingsSchema = z.strictObject({
  id: Slug,
  name: LocalizedSchema,
  letter: z.string().regex(/^[A-Z]$/, 'A–Z'),
  averageMinutes: z.number().int().min(1).max(240),
  allowsPriority: z.boolean(),
  position: z.number().int().min(0).max(999),
  active: z.boolean(),
  identityFields: z.array(z.enum(SERVICE_IDENTITY_FIELDS)).optional(),
  acknowledgement: LocalizedSchema.optional(),
  eservices: z.array(Slug).max(20).optional(),
  priorityReasons: z.array(z.enum(PRIORITY_REASONS)).optional(),
  dailyLimit: z.number().int().min(1).max(10_000).optional(),
  cutoffMinutes: z.number().int().min(0).max(240).optional(),
  searchWords: SearchWordsSchema.optional(),
  availability: z.array(AvailabilityRuleSchema).max(20).optional(),
});

export const CounterSettingsSchema = z.strictObject({
  number: z.number().int().min(1).max(999),
  name: LocalizedSchema,
  services: z.array(Slug).max(60),
});

export const OfficeConfigurationSchema = z.strictObject({
  format: z.literal(CONFIG_FORMAT),
  version: z.literal(CONFIG_VERSION),
  office: OfficeSettingsSchema,
  services: z.array(ServiceSettingsSchema).min(1).max(60),
  counters: z.array(CounterSettingsSchema).min(1).max(200),
});

export type OfficeSettings = z.infer<typeof OfficeSettingsSchema>;
export type ServiceSettings = z.infer<typeof ServiceSettingsSchema>;
export type AvailabilityRuleSettings = z.infer<typeof AvailabilityRuleSchema>;
export type CounterSettings = z.infer<typeof CounterSettingsSchema>;
export type OfficeConfiguration = z.infer<typeof OfficeConfigurationSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/');
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// What the schema cannot say

const CONFIG_CODES = [
  'unreadable',
  'wrong-file',
  'duplicate-id',
  'duplicate-letter',
  'duplicate-number',
  'duplicate-day',
  'unknown-service',
  'reason-not-accepted',
  'empty-range',
  'ranges-overlap',
  'rules-overlap',
  'bad-validity',
] as const;
export const CONFIG_PROBLEM_CODES = [...SCHEMA_PROBLEM_CODES, ...CONFIG_CODES] as const;
export type ConfigProblemCode = (typeof CONFIG_PROBLEM_CODES)[number];

export interface ConfigProblem {
  readonly code: ConfigProblemCode;
  readonly path: Path;
  readonly detail?: string;
}

export type ConfigCheck =
  | { readonly ok: true; readonly configuration: OfficeConfiguration }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** Checks a parsed file (JSON), whole: every problem, or the configuration to apply. */
export function checkConfiguration(raw: unknown): ConfigCheck {
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== CONFIG_FORMAT)
    return { ok: false, problems: [{ code: 'wrong-file', path: ['format'], detail: CONFIG_FORMAT }] };
  const parsed = parseOrProblems(OfficeConfigurationSchema, raw, { isId: (path) => path.at(-1) === 'id' });
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const problems = [
    ...officeProblems(parsed.value.office),
    ...serviceProblems(parsed.value),
    ...counterProblems(parsed.value),
  ];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, configuration: parsed.value };
}

/** Checks the text of a configuration file: JSON first, then the configuration. */
export function checkConfigurationText(text: string): ConfigCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ code: 'unreadable', path: [] }] };
  }
  return checkConfiguration(raw);
}

/** The first index of each value seen twice, as problems at `path(index)`. */
function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  code: ConfigProblemCode,
  path: (index: number) => Path,
): ConfigProblem[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    const value = key(item);
    if (!seen.has(value)) {
      seen.add(value);
      return [];
    }
    return [{ code, path: path(index), detail: value }];
  });
}

function rangeProblems(ranges: readonly { from: string; to: string }[], at: Path): ConfigProblem[] {
  const problems: ConfigProblem[] = ranges.flatMap((range, index) =>
    minutesOf(range.from) < minutesOf(range.to)
      ? []
      : [{ code: 'empty-range' as const, path: [...at, index, 'to'], detail: `${range.from}–${range.to}` }],
  );
  const sorted = [...ranges].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
  for (let i = 1; i < sorted.length; i++)
    if (minutesOf(sorted[i]!.from) < minutesOf(sorted[i - 1]!.to))
      problems.push({ code: 'ranges-overlap', path: at, detail: `${sorted[i - 1]!.from}–${sorted[i - 1]!.to}` });
  return problems;
}

function officeProblems(office: OfficeSettings): ConfigProblem[] {
  return [
    ...WEEKDAYS.flatMap((weekday) => rangeProblems(office.hours?.[weekday] ?? [], ['office', 'hours', weekday])),
    ...duplicates(
      office.closures,
      (closure) => closure.day,
      'duplicate-day',
      (index) => ['office', 'closures', index, 'day'],
    ),
  ];
}

function serviceProblems(configuration: OfficeConfiguration): ConfigProblem[] {
  const { services, office } = configuration;
  return [
    ...duplicates(
      services,
      (service) => service.id,
      'duplicate-id',
      (index) => ['services', index, 'id'],
    ),
    ...duplicates(
      services,
      (service) => service.letter,
      'duplicate-letter',
      (index) => ['services', index, 'letter'],
    ),
    ...services.flatMap((service, index) => [
      ...(service.priorityReasons ?? []).flatMap((reason, at) =>
        office.priorityReasons.includes(reason)
          ? []
          : [
              {
                code: 'reason-not-accepted' as const,
                path: ['services', index, 'priorityReasons', at],
                detail: reason,
              },
            ],
      ),
      ...ruleProblems(service.availability ?? [], ['services', index, 'availability']),
    ]),
  ];
}

type Rule = AvailabilityRuleSettings;

function ruleProblems(rules: readonly Rule[], at: Path): ConfigProblem[] {
  const problems = duplicates(
    rules,
    (rule) => rule.id,
    'duplicate-id',
    (index) => [...at, index, 'id'],
  );
  rules.forEach((rule, index) => {
    if (minutesOf(rule.from) + rule.slotMinutes > minutesOf(rule.to))
      problems.push({ code: 'empty-range', path: [...at, index, 'to'], detail: `${rule.from}–${rule.to}` });
    if (rule.validFrom && rule.validUntil && rule.validFrom > rule.validUntil)
      problems.push({
        code: 'bad-validity',
        path: [...at, index, 'validUntil'],
        detail: `${rule.validFrom} > ${rule.validUntil}`,
      });
    const earlier = rules.slice(0, index).find((other) => overlap(other, rule));
    if (earlier) problems.push({ code: 'rules-overlap', path: [...at, index], detail: earlier.id });
  });
  return problems;
}

/** Two rules that could give the same service two slots at once (on a common weekday, days and hours). */
function overlap(a: Rule, b: Rule): boolean {
  const sameWeekday = a.weekdays.some((day) => b.weekdays.includes(day));
  const sameDays = (a.validFrom ?? '') <= (b.validUntil ?? '9999') && (b.validFrom ?? '') <= (a.validUntil ?? '9999');
  const sameHours = minutesOf(a.from) < minutesOf(b.to) && minutesOf(b.from) < minutesOf(a.to);
  return sameWeekday && sameDays && sameHours;
}

function counterProblems(configuration: OfficeConfiguration): ConfigProblem[] {
  const ids = new Set(configuration.services.map((service) => service.id));
  return [
    ...duplicates(
      configuration.counters,
      (counter) => String(counter.number),
      'duplicate-number',
      (index) => ['counters', index, 'number'],
    ),
    ...configuration.counters.flatMap((counter, index) =>
      counter.services.flatMap((service, at) =>
        ids.has(service)
          ? []
          : [{ code: 'unknown-service' as const, path: ['counters', index, 'services', at], detail: service }],
      ),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Words

const WORDS: Readonly<Record<Language, Readonly<Record<ConfigProblemCode, string>>>> = {
  pl: {
    ...SCHEMA_WORDS.pl,
    unreadable: 'pliku nie da się odczytać jako JSON',
    'wrong-file': 'to nie jest plik konfiguracji urzędu Okienka (oczekiwano: format {detail})',
    'duplicate-id': 'identyfikator „{detail}” powtarza się',
    'duplicate-letter': 'litera „{detail}” jest już użyta przez inną usługę',
    'duplicate-number': 'numer stanowiska {detail} powtarza się',
    'duplicate-day': 'dzień {detail} jest już na liście',
    'unknown-service': 'nie ma usługi „{detail}”',
    'reason-not-accepted': 'urząd nie przyjmuje tego powodu pierwszeństwa: {detail}',
    'empty-range': 'koniec nie jest po początku ({detail})',
    'ranges-overlap': 'godziny nakładają się ({detail})',
    'rules-overlap': 'reguła nakłada się na regułę „{detail}” (te same dni i godziny)',
    'bad-validity': 'koniec ważności przed początkiem ({detail})',
  },
  en: {
    ...SCHEMA_WORDS.en,
    unreadable: 'the file cannot be read as JSON',
    'wrong-file': 'this is not an Okienko office configuration file (expected: format {detail})',
    'duplicate-id': 'the identifier “{detail}” is used twice',
    'duplicate-letter': 'the letter “{detail}” is already used by another service',
    'duplicate-number': 'counter number {detail} is used twice',
    'duplicate-day': 'the day {detail} is already on the list',
    'unknown-service': 'there is no service “{detail}”',
    'reason-not-accepted': 'the office does not accept this priority reason: {detail}',
    'empty-range': 'the end is not after the start ({detail})',
    'ranges-overlap': 'the hours overlap ({detail})',
    'rules-overlap': 'the rule overlaps the rule “{detail}” (same days and hours)',
    'bad-validity': 'the validity ends before it starts ({detail})',
  },
  uk: {
    ...SCHEMA_WORDS.uk,
    unreadable: 'файл неможливо прочитати як JSON',
    'wrong-file': 'це не файл конфігурації установи Okienko (очікується: format {detail})',
    'duplicate-id': 'ідентифікатор «{detail}» повторюється',
    'duplicate-letter': 'літера «{detail}» уже використана іншою послугою',
    'duplicate-number': 'номер віконця {detail} повторюється',
    'duplicate-day': 'день {detail} уже є в списку',
    'unknown-service': 'немає послуги «{detail}»',
    'reason-not-accepted': 'установа не приймає цієї причини першочерговості: {detail}',
    'empty-range': 'кінець не пізніше за початок ({detail})',
    'ranges-overlap': 'години накладаються ({detail})',
    'rules-overlap': 'правило накладається на правило «{detail}» (ті самі дні й години)',
    'bad-validity': 'строк дії закінчується раніше, ніж починається ({detail})',
  },
};

/** `Pole „services[2].letter”: litera „A” jest już użyta przez inną usługę` */
export function describeConfigProblem(problem: ConfigProblem, language: Language = 'pl'): string {
  const words = fillDetail(WORDS[language][problem.code], problem.detail);
  const place = PLACE_WORDS[language];
  return problem.path.length === 0
    ? capitalise(words)
    : `${capitalise(place.field)} ${place.quote(formatPath(problem.path))}: ${words}`;
}
