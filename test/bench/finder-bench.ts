/**
 * Finder (`BENCH_ONLY=finder`): the kiosk's service finder answers as the visitor types — every
 * prefix of 50 queries visitors type (Polish with and without diacritics, typos, English,
 * Ukrainian) — over the demo office's services and over an office of 60 (the configuration's
 * most), after one pass that warms up. Goal: p95 ≤ 30 ms per answer, so the suggestions keep up
 * with the fingers. The index itself is built once per list of services (the kiosk memoizes it).
 */
import { DEMO_SERVICES } from '../../electron/common/domain/demo-office';
import { createServiceFinder, type FindableService } from '../../electron/common/domain/service-finder';

export const FINDER_GOAL_P95_MS = 30;

const QUERIES = [
  'zgubiłem dowód',
  'zgubiłam dowód osobisty',
  'dowod osobisty dla dziecka',
  'nowy dowód',
  'skradziono mi dowód',
  'odbior dowodu',
  'meldunek',
  'zameldować się',
  'wymeldowanie',
  'zaświadczenie o zameldowaniu',
  'pobyt czasowy',
  'nadanie pesel',
  'rejestracja auta',
  'rejstracja samochodu',
  'kupiłem auto',
  'tablice rejestracyjne',
  'wyrejestrowanie pojazdu',
  'prawo jazdy',
  'prawko',
  'wymiana prawa jazdy',
  'podatek od nieruchomości',
  'opłata za śmieci',
  'deklaracja śmieciowa',
  'podatek rolny',
  'profil zaufany',
  'potwierdzenie profilu zaufanego',
  '800 plus',
  '800+',
  'karta dużej rodziny',
  'zapłacić opłatę skarbową',
  'kasa',
  'paszprt',
  'nie wiem',
  'mam pytanie',
  'lost ID card',
  'new identity card',
  'register a car',
  'car registration',
  'driving licence',
  'property tax',
  'pay a fee',
  'passport',
  'посвідчення особи',
  'загубив посвідчення',
  'реєстрація авто',
  'прописка',
  'водійське посвідчення',
  'податок',
  'не знаю',
  'akt urodzenia',
];

/** An office of `count` services: the demo's, then copies of them under new ids and names. */
export function officeOf(count: number): FindableService[] {
  return Array.from({ length: count }, (_, index) => {
    const service = DEMO_SERVICES[index % DEMO_SERVICES.length]!;
    if (index < DEMO_SERVICES.length) return service;
    const suffix = ` ${index}`;
    return {
      ...service,
      id: `${service.id}-${index}`,
      name: { pl: service.name.pl + suffix, en: service.name.en + suffix, uk: service.name.uk + suffix },
    };
  });
}

export interface FinderFigures {
  readonly services: number;
  readonly buildMs: number;
  readonly samples: number[];
}

function measure(services: readonly FindableService[]): FinderFigures {
  const started = performance.now();
  const finder = createServiceFinder(services);
  const buildMs = performance.now() - started;
  const prefixes = QUERIES.flatMap((query) => Array.from(query, (_, end) => query.slice(0, end + 1)));
  for (const prefix of prefixes) finder.find(prefix); // warm-up
  const samples = prefixes.map((prefix) => {
    const start = performance.now();
    finder.find(prefix);
    return performance.now() - start;
  });
  return { services: services.length, buildMs, samples };
}

export function runFinderBench(): FinderFigures[] {
  return [measure(DEMO_SERVICES), measure(officeOf(60))];
}
