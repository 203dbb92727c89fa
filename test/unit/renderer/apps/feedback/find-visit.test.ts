import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueTicket, transition } from '../../../../../electron/common/domain/ticket';
import type { OkienkoDatabase } from '../../../../../renderer/db/database';
import { findVisit, TYPED_WITHIN_MS } from '../../../../../renderer/apps/feedback/find-visit';
import type { TicketDoc } from '../../../../../renderer/db/schemas';
import { createMemoryDatabase } from '../../../../support/memory-db';

const DAY = '2026-05-12';
const AT = Date.parse('2026-05-12T10:00:00Z');
const by = { station: 'ws-counter', counter: 3 };

/** A visit issued at AT, served and done `doneAfter` ms later. */
function visit(id: string, seq: number, doneAfter: number): TicketDoc {
  const issued = issueTicket(
    { id, day: DAY, service: 'dowody', letter: 'A', seq, priority: null },
    { station: 'k' },
    AT,
  );
  const called = transition(issued, { type: 'call', counter: 3 }, by, AT + 1000);
  const started = transition(called, { type: 'start' }, by, AT + 2000);
  return transition(started, { type: 'done' }, by, AT + doneAfter) as TicketDoc;
}

describe('the visit the exit tablet asks about', () => {
  let db: OkienkoDatabase;
  beforeEach(async () => {
    db = await createMemoryDatabase();
    await db.tickets.bulkInsert([visit('t-early', 1, 5_000), visit('t-late', 2, 3 * 3_600_000)]);
  });
  afterEach(async () => {
    await db.close();
  });

  it('by a typed number: a visit ended within the hour, not one ended earlier, nothing for no such number', async () => {
    const now = AT + 3 * 3_600_000 + 60_000;
    expect(await findVisit(db, DAY, ' a2 ', now)).toMatchObject({ kind: 'visit', ticket: { id: 't-late' } });
    expect(await findVisit(db, DAY, 'A1', now)).toBeNull();
    expect(await findVisit(db, DAY, 'A1', AT + 5_000 + TYPED_WITHIN_MS)).toMatchObject({ kind: 'visit' });
    expect(await findVisit(db, DAY, 'A9', now)).toBeNull();
  });

  it('by a scanned QR code: the visit of its id, all day', async () => {
    const now = AT + 3 * 3_600_000 + 60_000;
    const found = await findVisit(db, DAY, 'https://hub.urzad.local:8090/#/status/t-early', now);
    expect(found).toMatchObject({ kind: 'visit', ticket: { id: 't-early' } });
  });
});
