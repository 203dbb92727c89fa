/**
 * `collectionsFor`: what a workstation of each kind replicates is read from the access table's pull
 * rules, nothing else — and, written out, who holds a visitor's assisted sessions (only counters).
 * Every cell of the table against a real hub: test/integration/hub/access.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkPull, collectionsFor, COLLECTION_ACCESS } from '../../../../../electron/common/access/hub-access';
import { TOKEN_KINDS } from '../../../../../electron/common/access/subjects';
import { SYNC_COLLECTIONS } from '../../../../../electron/common/contract/hub';

describe('the collections a workstation kind replicates', () => {
  it.each(TOKEN_KINDS)('%s: exactly those whose pull rule names it, in SYNC_COLLECTIONS order', (kind) => {
    const fromTable = SYNC_COLLECTIONS.filter((collection) => COLLECTION_ACCESS[collection].pull.kinds.includes(kind));
    expect(collectionsFor(kind)).toEqual(fromTable);
    for (const collection of SYNC_COLLECTIONS)
      expect(checkPull(collection, { kind, roles: null }) === null, `${kind} ${collection}`).toBe(
        collectionsFor(kind).includes(collection),
      );
  });

  it('a token from before kinds replicates everything, as the hub lets it pull everything', () => {
    expect(collectionsFor(null)).toEqual([...SYNC_COLLECTIONS]);
  });

  it('only counters hold assisted sessions; supervisors count the records, kiosks and boards neither', () => {
    expect(collectionsFor('counter')).toEqual([...SYNC_COLLECTIONS]);
    expect(collectionsFor('supervisor')).toEqual([
      'office',
      'services',
      'counters',
      'tickets',
      'appointments',
      'alerts',
      'notices',
      'assistanceRecords',
      'satisfaction',
    ]);
    expect(collectionsFor('kiosk')).toEqual([
      'office',
      'services',
      'counters',
      'tickets',
      'appointments',
      'alerts',
      'notices',
      'satisfaction',
    ]);
    expect(collectionsFor('board')).toEqual(['office', 'services', 'counters', 'tickets', 'notices', 'satisfaction']);
  });

  it('pushing assisted sessions is a counter’s only, in a clerk’s or supervisor’s session', () => {
    const pushers = COLLECTION_ACCESS.assistedSessions.push;
    expect(pushers.flatMap((rule) => rule.kinds)).toEqual(['counter']);
    expect(COLLECTION_ACCESS.assistanceRecords.push.flatMap((rule) => rule.kinds)).toEqual(['counter', 'supervisor']);
  });
});
