import { describe, expect, it } from 'vitest';
import { issueTicket, transition, TICKET_STATES, type Ticket } from '../../../../electron/common/domain/ticket';
import { reachableStates, scopeProblem, withActors, withRetention } from '../../../../electron/hub/push-scope';
import type { WireDocument } from '../../../../electron/common/contract/hub';
import {
  expiryOf,
  purged,
  startSession,
  withAnswer,
  type AssistedSessionDoc,
} from '../../../../electron/common/eservices/session';
import { resolveAssistedSession } from '../../../../electron/common/sync/assisted-merge';
import { sameMasterState } from '../../../../electron/hub/documents';

const wire = (document: object): WireDocument => ({ ...(document as { id: string }), _deleted: false });
const issued = issueTicket(
  { id: 't', day: '2026-12-04', service: 's', letter: 'A', seq: 1, priority: null },
  { station: 'k' },
  1,
);
const called = transition(issued, { type: 'call', counter: 2 }, { station: 'c', clerk: 'Anna', counter: 2 }, 2);
const done = transition(called, { type: 'done' }, { station: 'c', counter: 2 }, 3);

describe('the ticket states a push may reach', () => {
  it('follows the life cycle, any number of steps', () => {
    expect([...reachableStates('waiting')].sort()).toEqual([...TICKET_STATES].sort());
    expect([...reachableStates('done')]).toEqual(['done']);
    expect(reachableStates('parked').has('serving')).toBe(true);
    expect(reachableStates('no-show').has('serving')).toBe(true);
    expect(reachableStates('cancelled').has('waiting')).toBe(false);
  });
});

describe('scopes', () => {
  it('issue: a new waiting ticket with its issue and nothing more', () => {
    expect(scopeProblem('tickets', 'issue', wire(issued), undefined)).toBeNull();
    expect(scopeProblem('tickets', 'issue', wire(called), undefined)).toMatch(/waiting/);
    expect(scopeProblem('tickets', 'issue', wire(called), wire(issued))).toMatch(/only issue new/);
    expect(scopeProblem('counters', 'issue', wire({ id: '1' }), undefined)).toMatch(/not a ticket/);
  });

  it('lifecycle: onward only, history added to, identity fixed', () => {
    expect(scopeProblem('tickets', 'lifecycle', wire(done), wire(issued))).toBeNull();
    expect(scopeProblem('tickets', 'lifecycle', wire({ ...done, state: 'waiting' }), wire(done))).toMatch(
      /from done to waiting/,
    );
    expect(scopeProblem('tickets', 'lifecycle', wire({ ...called, number: 'A9' }), wire(issued))).toMatch(/number/);
    expect(
      scopeProblem('tickets', 'lifecycle', wire({ ...called, events: called.events.slice(1) }), wire(issued)),
    ).toMatch(/never rewrite/);
    expect(scopeProblem('tickets', 'lifecycle', { ...wire(issued), _deleted: true }, wire(issued))).toMatch(/delete/);
    // A ticket issued and called here while the hub was out of reach arrives already called.
    expect(scopeProblem('tickets', 'lifecycle', wire(called), undefined)).toBeNull();
    expect(scopeProblem('tickets', 'lifecycle', wire({ ...called, events: [] }), undefined)).toMatch(/issue/);
  });

  it('lifecycle: who acted may differ in a workstation copy of the history the hub holds', () => {
    const hubCopy = wire({
      ...called,
      events: called.events.map((event) => ({ ...event, by: { ...event.by, station: 'hub-wrote', user: 'x' } })),
    });
    expect(scopeProblem('tickets', 'lifecycle', wire(done), hubCopy)).toBeNull();
  });

  it('sending back what the hub holds is always allowed', () => {
    for (const scope of ['issue', 'create', 'check-in', 'counter-state'] as const)
      expect(scopeProblem('tickets', scope, wire(done), wire(done))).toBeNull();
  });

  it('check-in: booked to checked in, with the ticket, nothing else', () => {
    const booked = {
      id: 'a',
      code: '123456',
      day: 'd',
      slotAt: 1,
      service: 's',
      state: 'booked',
      ticket: '',
      updatedAt: 1,
    };
    const checkedIn = { ...booked, state: 'checked-in', ticket: 't', updatedAt: 2 };
    expect(scopeProblem('appointments', 'check-in', wire(checkedIn), wire(booked))).toBeNull();
    expect(scopeProblem('appointments', 'check-in', wire({ ...checkedIn, slotAt: 9 }), wire(booked))).toMatch(/slotAt/);
    expect(scopeProblem('appointments', 'check-in', wire({ ...booked, state: 'cancelled' }), wire(booked))).toMatch(
      /check a booked/,
    );
    expect(scopeProblem('appointments', 'check-in', wire(checkedIn), undefined)).toMatch(/book/);
  });

  it("check-in: over the hub's no-show too (a kiosk checked the visitor in while offline), never over a cancellation", () => {
    const noShow = {
      id: 'a',
      code: '123456',
      day: 'd',
      slotAt: 1,
      service: 's',
      state: 'no-show',
      ticket: '',
      updatedAt: 5,
    };
    const checkedIn = { ...noShow, state: 'checked-in', ticket: 't', updatedAt: 2 };
    expect(scopeProblem('appointments', 'check-in', wire(checkedIn), wire(noShow))).toBeNull();
    expect(scopeProblem('appointments', 'check-in', wire(checkedIn), wire({ ...noShow, state: 'cancelled' }))).toMatch(
      /check a booked/,
    );
  });

  it('counter-state: mode, clerk and priority count of an existing counter', () => {
    const counter = {
      id: '1',
      number: 1,
      name: {},
      services: ['s'],
      mode: 'closed',
      clerk: '',
      normalSinceLastPriority: 0,
      updatedAt: 1,
    };
    expect(
      scopeProblem(
        'counters',
        'counter-state',
        wire({ ...counter, mode: 'open', clerk: 'A', updatedAt: 2 }),
        wire(counter),
      ),
    ).toBeNull();
    expect(scopeProblem('counters', 'counter-state', wire({ ...counter, services: [] }), wire(counter))).toMatch(
      /services/,
    );
    expect(scopeProblem('counters', 'counter-state', wire(counter), undefined)).toMatch(/add a counter/);
  });

  it("counter-services: a supervisor's live move to other services, and the state; not its number or name", () => {
    const counter = {
      id: '1',
      number: 1,
      name: { pl: 'Okienko 1' },
      services: ['s'],
      mode: 'open',
      clerk: 'A',
      normalSinceLastPriority: 0,
      updatedAt: 1,
    };
    const moved = { ...counter, services: ['s', 't'], mode: 'closed', clerk: '', updatedAt: 2 };
    expect(scopeProblem('counters', 'counter-services', wire(moved), wire(counter))).toBeNull();
    expect(scopeProblem('counters', 'counter-services', wire({ ...moved, number: 2 }), wire(counter))).toMatch(
      /number/,
    );
    expect(scopeProblem('counters', 'counter-services', wire({ ...moved, name: { pl: 'X' } }), wire(counter))).toMatch(
      /name/,
    );
    expect(scopeProblem('counters', 'counter-services', wire(counter), undefined)).toMatch(/add a counter/);
  });

  it('create: new documents only', () => {
    expect(scopeProblem('alerts', 'create', wire({ id: 'a', at: 1 }), undefined)).toBeNull();
    expect(scopeProblem('alerts', 'create', wire({ id: 'a', at: 2 }), wire({ id: 'a', at: 1 }))).toMatch(/new/);
  });
});

describe('who acted', () => {
  const acting = {
    station: 'stanowisko-3',
    user: { login: 'anna', displayName: 'Anna Nowak', roles: ['clerk' as const], services: null },
    people: new Map(),
  };

  it('new history entries get the session, entries the hub holds stay as it wrote them', () => {
    const hubCalled = { ...called, events: [{ ...called.events[0]!, by: { station: 'kiosk-1' } }, called.events[1]!] };
    const result = withActors(
      'tickets',
      wire({
        ...done,
        events: done.events.map((e) => ({ ...e, by: { ...e.by, station: 'forged', clerk: 'Kto inny' } })),
      }),
      wire(hubCalled),
      acting,
    ) as unknown as Ticket;
    expect(result.events.map((event) => event.by)).toEqual([
      { station: 'kiosk-1' },
      called.events[1]!.by,
      { station: 'stanowisko-3', clerk: 'Anna Nowak', user: 'anna', counter: 2 },
    ]);
  });

  it('keeps the person of an entry recorded under an offline sign-in, but not its workstation', () => {
    const offline = {
      ...issued,
      events: [{ ...issued.events[0]!, by: { station: 'x', clerk: 'Jan', user: 'jan', offline: true } }],
    };
    const jan = { login: 'jan', active: true, displayName: 'Jan Kowalski', roles: ['clerk' as const] };
    const known = withActors('tickets', wire(offline), undefined, {
      station: 'real',
      user: null,
      people: new Map([['jan', jan]]),
    }) as unknown as Ticket;
    expect(known.events[0]!.by).toEqual({ station: 'real', clerk: 'Jan Kowalski', user: 'jan', offline: true });
    // Someone the hub does not know, or no longer lets work, is not taken at the workstation's word.
    for (const people of [new Map(), new Map([['jan', { ...jan, active: false }]])]) {
      const result = withActors('tickets', wire(offline), undefined, {
        station: 'real',
        user: null,
        people,
      }) as unknown as Ticket;
      expect(result.events[0]!.by).toEqual({ station: 'real' });
    }
  });

  it('a window with nobody signed in records only the workstation', () => {
    const forged = { ...issued, events: [{ ...issued.events[0]!, by: { station: 'x', clerk: 'Jan', user: 'jan' } }] };
    const result = withActors('tickets', wire(forged), undefined, {
      station: 'kiosk-1',
      user: null,
      people: new Map(),
    }) as unknown as Ticket;
    expect(result.events[0]!.by).toEqual({ station: 'kiosk-1' });
  });
});

describe("the office's retention of assisted sessions", () => {
  const DAY = 86_400_000;
  const NOW = Date.UTC(2026, 11, 4, 9, 0);
  const LIMIT = expiryOf('saved', NOW, 14);
  const started = startSession({
    id: 'as-1',
    reference: 'K7M3-Q9XT',
    eservice: { id: 'dowod-osobisty', version: 1 },
    ticket: 't1',
    counter: 1,
    clerk: 'anna',
    language: 'pl',
    at: NOW - 60_000,
  });
  const personal: AssistedSessionDoc = {
    ...withAnswer(started, {
      question: 'telefon',
      value: '600100200',
      by: 'visitor',
      clerk: 'anna',
      counter: 1,
      at: NOW,
    }),
    identity: { surname: 'Szewczenko' },
  };
  const session = (change: Partial<AssistedSessionDoc>) => wire({ ...personal, ...change });
  const expiryOf_ = (document: WireDocument) => (document as unknown as AssistedSessionDoc).expiresAt;

  it('a session with personal data and no expiry (0), or one years away, expires at the limit', () => {
    expect(withRetention('assistedSessions', session({ expiresAt: 0 }), LIMIT)).toEqual(session({ expiresAt: LIMIT }));
    const years = session({ expiresAt: NOW + 3650 * DAY });
    expect(withRetention('assistedSessions', years, LIMIT)).toEqual(session({ expiresAt: LIMIT }));
    expect(withRetention('assistedSessions', session({ expiresAt: LIMIT + 1 }), LIMIT)).toEqual(
      session({ expiresAt: LIMIT }),
    );
    const missing = { ...session({}) };
    delete missing.expiresAt;
    expect(expiryOf_(withRetention('assistedSessions', missing, LIMIT))).toBe(LIMIT);
  });

  it('a session within the limit is stored as sent', () => {
    for (const expiresAt of [LIMIT, NOW + DAY, NOW - DAY]) {
      const within = session({ expiresAt });
      expect(withRetention('assistedSessions', within, LIMIT)).toBe(within);
    }
  });

  it('an emptied session, an emptied tombstone and other collections are stored as sent', () => {
    for (const document of [
      wire({ ...started, expiresAt: 0 }),
      wire({ ...purged(personal, NOW), expiresAt: 0 }),
      wire({ ...purged(personal, NOW), expiresAt: NOW + 3650 * DAY }),
      { ...wire(purged(personal, NOW)), _deleted: true },
    ])
      expect(withRetention('assistedSessions', document, LIMIT)).toBe(document);
    const ticket = wire({ ...issued, expiresAt: 0 });
    expect(withRetention('tickets', ticket, LIMIT)).toBe(ticket);
  });

  it("a deletion that still carries the visitor's data is stored emptied", () => {
    const deleted = { ...session({ expiresAt: 0 }), _deleted: true };
    const stored = withRetention('assistedSessions', deleted, LIMIT);
    expect(stored._deleted).toBe(true);
    expect(stored).toEqual({
      ...wire(purged({ ...personal, expiresAt: 0 }, personal.updatedAt)),
      _deleted: true,
    });
    expect(JSON.stringify(stored)).not.toContain('Szewczenko');
    expect(JSON.stringify(stored)).not.toContain('600100200');
  });

  it('is deterministic, and a clamped session sent back later is not changed again', () => {
    const far = session({ expiresAt: 0 });
    const once = withRetention('assistedSessions', far, LIMIT);
    expect(withRetention('assistedSessions', far, LIMIT)).toEqual(once);
    expect(withRetention('assistedSessions', once, LIMIT + 3_600_000)).toBe(once);
  });

  it('a workstation that keeps changing the session meets the clamped expiry once, then pushes without conflicts', () => {
    // The hub and one workstation as RxDB's replication treats them: a written push becomes the
    // assumed master; a conflict is resolved by the collection's rule and pushed again.
    type Doc = WireDocument & AssistedSessionDoc;
    let master: Doc | undefined;
    let limit = LIMIT;
    const ws = { local: session({ expiresAt: NOW + 3650 * DAY }) as Doc, assumed: undefined as Doc | undefined };
    let conflicts = 0;
    const push = () => {
      for (let round = 0; round < 5; round++) {
        if (!master || (ws.assumed && sameMasterState(master, ws.assumed))) {
          master = withRetention('assistedSessions', ws.local, limit) as Doc;
          ws.assumed = ws.local;
          return;
        }
        conflicts += 1;
        ws.local = resolveAssistedSession({
          newDocumentState: ws.local,
          realMasterState: master,
          ...(ws.assumed ? { assumedMasterState: ws.assumed } : {}),
        }) as Doc;
        ws.assumed = master;
        if (ws.local === master) return;
      }
      throw new Error('the workstation and the hub never agree');
    };
    const change = (page: string) => {
      ws.local = { ...ws.local, page, updatedAt: ws.local.updatedAt + 1_000 };
      limit += 60_000; // time goes on between pushes
      push();
    };
    push();
    expect(master!.expiresAt).toBe(LIMIT);
    // The next change is pushed before the workstation has pulled the clamped version.
    change('question:telefon');
    expect(conflicts).toBe(1);
    expect(ws.local).toEqual(master);
    expect(master!.expiresAt).toBe(LIMIT);
    for (const page of ['question:email', 'question:adres', 'check']) change(page);
    expect(conflicts).toBe(1);
    expect(ws.local).toEqual(master);
    expect(master!.expiresAt).toBe(LIMIT);
  });
});
