/**
 * Where on the set-up screen a problem of the configuration shows: the field its path names, or,
 * for a path the screen has no field for (a list too short, two rules that overlap, an item of a
 * list of words), the nearest group that holds it. Each such place has an element id, so the
 * summary's link focuses it and the field points at its words (aria-describedby). Pure.
 */
import type { ConfigProblem } from '../../../electron/common/domain/office-config';
import type { Path } from '../../../electron/common/validation/schema-problems';

const LANGS = '(pl|en|uk)';
const WEEKDAY = '(mon|tue|wed|thu|fri|sat|sun)';

/**
 * Every path the screen shows a field or a group for; `#` stands for an index, `(a|b)` for any of
 * those keys.
 */
const PLACES: readonly string[] = [
  'office',
  'office.(id|address|timeZone|statusUrl|appointmentGraceMinutes|targetWaitMinutes|priorityReasons|closures|priorityRule|hours)',
  `office.(name|ticketNote).${LANGS}`,
  `office.hours.${WEEKDAY}`,
  `office.hours.${WEEKDAY}.#.(from|to)`,
  'office.closures.#',
  'office.closures.#.day',
  `office.closures.#.reason.${LANGS}`,
  'office.priorityRule.normalPerPriority',
  'services',
  'services.#',
  'services.#.(id|letter|averageMinutes|position|dailyLimit|cutoffMinutes|identityFields|eservices|priorityReasons|availability)',
  `services.#.(name|acknowledgement|searchWords).${LANGS}`,
  'services.#.availability.#',
  'services.#.availability.#.(id|weekdays|from|to|slotMinutes|parallel|validFrom|validUntil|bookableDaysAhead|closesMinutesBefore|dailyLimit)',
  'counters',
  'counters.#',
  'counters.#.(number|services)',
  `counters.#.name.${LANGS}`,
];

const PATTERNS: readonly (readonly string[])[] = PLACES.map((place) => place.split('.'));

function matches(pattern: readonly string[], path: Path): boolean {
  return (
    pattern.length === path.length &&
    pattern.every((segment, index) => {
      const part = path[index];
      if (segment === '#') return typeof part === 'number';
      const keys = segment.startsWith('(') ? segment.slice(1, -1).split('|') : [segment];
      return typeof part === 'string' && keys.includes(part);
    })
  );
}

/** The place on the screen for a problem at `path`: the longest start of it the screen has; [] for the top. */
export function placeOf(path: Path): Path {
  for (let length = path.length; length > 0; length--) {
    const start = path.slice(0, length);
    if (PATTERNS.some((pattern) => matches(pattern, start))) return start;
  }
  return [];
}

/** The element id of a place: `cfg-services-2-letter`. */
export function fieldId(path: Path): string {
  return ['cfg', ...path].join('-');
}

/** The id of the words of the problems at a place, for its field's aria-describedby. */
export function problemId(path: Path): string {
  return `${fieldId(path)}-problem`;
}

/** Problems grouped by their place's id. */
export function problemsByPlace<P extends ConfigProblem>(problems: readonly P[]): ReadonlyMap<string, readonly P[]> {
  const byPlace = new Map<string, P[]>();
  for (const problem of problems) {
    const id = fieldId(placeOf(problem.path));
    byPlace.set(id, [...(byPlace.get(id) ?? []), problem]);
  }
  return byPlace;
}
