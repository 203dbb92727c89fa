/**
 * The set-up screen's draft: an OfficeConfiguration being edited (a number being typed may be
 * missing, which the check then names), what a new installation starts from, and what "add"
 * adds. Pure: the screen holds the draft, these say how it changes.
 */
import { WEEKDAYS, type Weekday } from '../../../electron/common/domain/calendar';
import {
  CONFIG_FORMAT,
  CONFIG_VERSION,
  type AvailabilityRuleSettings,
  type CounterSettings,
  type OfficeConfiguration,
  type ServiceSettings,
} from '../../../electron/common/domain/office-config';
import { PRIORITY_REASONS } from '../../../electron/common/domain/office';
import type { Path } from '../../../electron/common/validation/schema-problems';

const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** What a new installation starts from: Warsaw's time, Monday to Friday 8:00–16:00, nothing else yet (no address: it is optional). */
/**
 * A new office's draft; `hubUrl`, when the workstation has a hub, gives the tickets' status page
 * address (the hub serves it), so it need not be typed — or mistyped.
 */
export function emptyConfiguration(hubUrl: string | null = null): OfficeConfiguration {
  return {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    office: {
      id: '',
      name: { pl: '', en: '', uk: '' },
      timeZone: 'Europe/Warsaw',
      hours: workingWeek(),
      closures: [],
      priorityRule: { mode: 'strict' },
      priorityReasons: [...PRIORITY_REASONS],
      ticketNote: { pl: '', en: '', uk: '' },
      statusUrl: hubUrl ? `${hubUrl.replace(/\/+$/, '')}/#/status/{id}` : '',
      appointmentGraceMinutes: 15,
      targetWaitMinutes: 15,
    },
    services: [],
    counters: [],
  };
}

/** A working week: Monday to Friday 8:00–16:00, closed at the weekend. */
export function workingWeek(): NonNullable<OfficeConfiguration['office']['hours']> {
  return Object.fromEntries(
    WEEKDAYS.map((weekday) => [weekday, WORKDAYS.includes(weekday) ? [{ from: '08:00', to: '16:00' }] : []]),
  ) as NonNullable<OfficeConfiguration['office']['hours']>;
}

/** The draft of a saved configuration: an office kept before closures were has none. */
export function draftOf(saved: OfficeConfiguration): OfficeConfiguration {
  return { ...saved, office: { ...saved.office, closures: saved.office.closures ?? [] } };
}

/** `base-N` with the first N that no id in `taken` has. */
function freeId(base: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new service: the first letter no other service has, last on the kiosk, active, names to fill in. */
export function newService(draft: OfficeConfiguration): ServiceSettings {
  const letters = new Set(draft.services.map((service) => service.letter));
  const letter = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].find((candidate) => !letters.has(candidate)) ?? 'A';
  return {
    id: freeId(
      'usluga',
      draft.services.map((service) => service.id),
    ),
    name: { pl: '', en: '', uk: '' },
    letter,
    averageMinutes: 10,
    allowsPriority: true,
    position: Math.max(0, ...draft.services.map((service) => service.position)) + 1,
    active: true,
  };
}

/** A new counter: the next number, named after it, serving nothing until services are ticked. */
export function newCounter(draft: OfficeConfiguration): CounterSettings {
  const number = Math.max(0, ...draft.counters.map((counter) => counter.number)) + 1;
  return {
    number,
    name: { pl: `Stanowisko ${number}`, en: `Counter ${number}`, uk: `Віконце ${number}` },
    services: [],
  };
}

/** A new booking rule: weekday mornings, a slot every 15 minutes, one visitor each, a month ahead. */
export function newRule(service: ServiceSettings): AvailabilityRuleSettings {
  return {
    id: freeId(
      'regula',
      (service.availability ?? []).map((rule) => rule.id),
    ),
    weekdays: [...WORKDAYS],
    from: '08:00',
    to: '12:00',
    slotMinutes: 15,
    parallel: 1,
    bookableDaysAhead: 30,
    closesMinutesBefore: 60,
  };
}

/** The id of service `index`, unless another service has it too (a counter naming it then means that one). */
function ownId(draft: OfficeConfiguration, index: number): string | undefined {
  const id = draft.services[index]?.id;
  return draft.services.some((service, at) => at !== index && service.id === id) ? undefined : id;
}

/** The draft with service `index` given another id, and every counter that served it serving it under that id. */
export function renameService(draft: OfficeConfiguration, index: number, id: string): OfficeConfiguration {
  const old = ownId(draft, index);
  return {
    ...draft,
    services: draft.services.map((service, at) => (at === index ? { ...service, id } : service)),
    counters: draft.counters.map((counter) => ({
      ...counter,
      services: counter.services.map((served) => (served === old ? id : served)),
    })),
  };
}

/** The draft without service `index`, which no counter serves any more. */
export function removeService(draft: OfficeConfiguration, index: number): OfficeConfiguration {
  const old = ownId(draft, index);
  return {
    ...draft,
    services: draft.services.filter((_, at) => at !== index),
    counters: draft.counters.map((counter) => ({
      ...counter,
      services: counter.services.filter((served) => served !== old),
    })),
  };
}

type Container = Record<string | number, unknown> | unknown[];

/** The value at `path` in `root` (undefined where there is none). */
export function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (value, key) => (typeof value === 'object' && value !== null ? (value as Container)[key as never] : undefined),
    root,
  );
}

/**
 * `root` with `value` at `path`, copied along the path and shared elsewhere; `undefined` removes an
 * object's key (an optional field left empty) and an array's item.
 */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  const [key, ...rest] = path;
  if (key === undefined) return value as T;
  const copy: Container = Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) };
  const next = rest.length === 0 ? value : setAt((copy as Record<string | number, unknown>)[key], rest, value);
  if (next !== undefined) (copy as Record<string | number, unknown>)[key] = next;
  else if (Array.isArray(copy)) copy.splice(Number(key), 1);
  else delete (copy as Record<string | number, unknown>)[key];
  return copy as T;
}

/** `root` with `item` added at the end of the list at `path` (a list that is absent starts). */
export function appendAt<T>(root: T, path: Path, item: unknown): T {
  const list = getAt(root, path);
  return setAt(root, path, [...(Array.isArray(list) ? list : []), item]);
}

/** The name the export is downloaded under: `okienko-office-<office id>-<day>.json`. */
export function exportFileName(officeId: string, day: string): string {
  return `okienko-office-${officeId}-${day}.json`;
}
