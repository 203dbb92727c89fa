/**
 * The kiosk's service finder: a visitor who does not know the office's words types what they need
 * ("zgubiłem dowód", "register a car", "реєстрація авто") and gets the matters that fit, best first.
 * Offline, over each active service's names and search words in pl, en and uk at once (a visitor
 * may type in a language other than the screen's). MiniSearch keeps the index and ranks (BM25),
 * with prefix matching for a word still being typed and fuzzy matching for typos; the words are
 * folded and stemmed by `search-words.ts`, the same for the office's words and the visitor's.
 */
import MiniSearch from 'minisearch';
import type { Language, Localized } from './office';
import { termsOf, wordsOf } from './search-words';

/** What the finder reads of a service (a `Service` or its stored document). */
export interface FindableService {
  readonly id: string;
  readonly name: Localized;
  readonly active: boolean;
  readonly searchWords?: Readonly<Record<Language, readonly string[]>>;
}

/**
 * The id by which an office names its general information service, where "I don't know" leads.
 * Without one, the first active service with "informac…"/"information" in its name is taken.
 */
export const INFORMATION_SERVICE_ID = 'information';

export interface ServiceFinder {
  /** The ids of the services that answer the query, best first; none for an unknown or empty query. */
  find(query: string): string[];
  /** The office's general information service, or null if it has none. */
  readonly information: string | null;
}

/** No more suggestions than fit a kiosk's screen above the keyboard. */
const MAX_SUGGESTIONS = 4;
/** A suggestion scoring below this share of the best one is noise ("card" in "Large Family Card"). */
const RELATIVE_CUTOFF = 0.3;

interface IndexedService {
  readonly id: string;
  readonly name: string;
  readonly words: string;
}

export function createServiceFinder(services: readonly FindableService[]): ServiceFinder {
  const active = services.filter((service) => service.active);
  const index = new MiniSearch<IndexedService>({
    fields: ['name', 'words'],
    tokenize: (text) => wordsOf(text),
    processTerm: (term) => termsOf(term),
    searchOptions: {
      boost: { name: 1.5 },
      // A word being typed matches the words it begins; a longer one may hold a typo or two.
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (/^\p{N}+$/u.test(term) || term.length < 5 ? false : term.length < 8 ? 1 : 2),
    },
  });
  index.addAll(
    active.map((service) => ({
      id: service.id,
      name: Object.values(service.name).join(' \n '),
      words: service.searchWords ? Object.values(service.searchWords).flat().join(' \n ') : '',
    })),
  );
  return {
    information: informationService(active),
    find: (query) => {
      const results = index.search(query);
      const best = results[0]?.score ?? 0;
      return results
        .filter((result) => result.score >= best * RELATIVE_CUTOFF)
        .slice(0, MAX_SUGGESTIONS)
        .map((result) => String(result.id));
    },
  };
}

/** The service "I don't know" leads to: the office's by its id, else one named as information. */
export function informationService(services: readonly FindableService[]): string | null {
  const active = services.filter((service) => service.active);
  const named = (service: FindableService) =>
    [service.name.pl, service.name.en].some((name) =>
      wordsOf(name).some((word) => word.startsWith('informac') || word === 'information'),
    );
  return active.find((service) => service.id === INFORMATION_SERVICE_ID)?.id ?? active.find(named)?.id ?? null;
}
