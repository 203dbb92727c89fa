/** Builders for counter documents in tests: the fields a test does not care about, filled in once. */
import type { CounterDoc } from '../../electron/common/domain/schemas';
import type { WithDeleted } from '../../electron/common/sync/conflict-rules';

/** Counter 1, open, nobody named at it and no services, with `fields` over that. */
export function counterDoc(fields: Partial<CounterDoc> = {}): CounterDoc {
  return {
    id: '1',
    number: 1,
    name: { pl: 'a', en: 'a', uk: 'a' },
    services: [],
    mode: 'open',
    clerk: '',
    normalSinceLastPriority: 0,
    updatedAt: 1,
    ...fields,
  };
}

/** Counter 1 as the sync layer holds it: open, Anna at it, one service, written at 10. */
export function syncedCounter(fields: Partial<CounterDoc> = {}): WithDeleted<CounterDoc> {
  return {
    ...counterDoc({ name: { pl: '1', en: '1', uk: '1' }, services: ['x'], clerk: 'Anna', updatedAt: 10, ...fields }),
    _deleted: false,
  };
}
