import { describe, expect, it } from 'vitest';
import { SYNC_COLLECTIONS } from '../../../../electron/common/contract/hub';
import {
  COLLECTION_SCHEMAS,
  MAX_WIRE_ITEMS,
  MAX_WIRE_STRING,
  sameMasterState,
  validatorFor,
  wireSchema,
} from '../../../../electron/hub/documents';
import { DEMO_OFFICE } from '../../../../electron/common/domain/demo-office';
import { ticketSchema } from '../../../../electron/common/domain/schemas';
import { issueTicket } from '../../../../electron/common/domain/ticket';
import { MAX_SIGNATURE_SVG_LENGTH, startSession } from '../../../../electron/common/eservices/session';

const ticket = issueTicket(
  { id: 't1', day: '2026-11-22', service: 'vehicles', letter: 'A', seq: 1, priority: null },
  { station: 'ws-1' },
  1_000,
);
const master = { ...ticket, hubStamp: 17, _deleted: false };

describe('sameMasterState', () => {
  it('ignores key order, at every depth', () => {
    const shuffled: Record<string, unknown> = Object.fromEntries(Object.entries(master).reverse());
    shuffled.events = ticket.events.map((event) => Object.fromEntries(Object.entries(event).reverse()));
    expect(sameMasterState(master, shuffled)).toBe(true);
  });

  it('ignores hubStamp (the hub sets it, the workstation resets it) and RxDB metadata', () => {
    expect(sameMasterState(master, { ...master, hubStamp: 0 })).toBe(true);
    const { hubStamp: _dropped, ...withoutStamp } = master;
    expect(sameMasterState(master, withoutStamp)).toBe(true);
    expect(sameMasterState(master, { ...master, _meta: { lwt: 5 }, _rev: '1-abc', _attachments: {} })).toBe(true);
  });

  it('sees every real difference: a field, a nested value, array order, the deleted flag, a missing or extra field', () => {
    expect(sameMasterState(master, { ...master, recalls: 1 })).toBe(false);
    expect(sameMasterState(master, { ...master, legs: [{ ...ticket.legs[0]!, since: 2 }] })).toBe(false);
    expect(sameMasterState(master, { ...master, legs: [...ticket.legs, ...ticket.legs] })).toBe(false);
    expect(sameMasterState(master, { ...master, _deleted: true })).toBe(false);
    const { priority: _missing, ...withoutPriority } = master;
    expect(sameMasterState(master, withoutPriority)).toBe(false);
    expect(sameMasterState(master, { ...master, extra: 1 })).toBe(false);
    expect(sameMasterState(master, { ...master, priority: undefined })).toBe(false);
    expect(sameMasterState({ ...master, priority: null }, { ...master, priority: 'null' })).toBe(false);
  });

  it('ignores hubStamp only at the top level', () => {
    const a = { ...master, legs: [{ service: 'x', since: 1, hubStamp: 1 }] };
    const b = { ...master, legs: [{ service: 'x', since: 1, hubStamp: 2 }] };
    expect(sameMasterState(a, b)).toBe(false);
  });
});

describe('the schema a pushed document must match', () => {
  it('is the collection schema without RxDB keys, closed, with _deleted, and hubStamp only where stamped', () => {
    const schema = wireSchema('tickets');
    for (const key of ['primaryKey', 'indexes', 'version']) expect(schema).not.toHaveProperty(key);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual([...ticketSchema.required, '_deleted']);
    expect(schema.properties).toHaveProperty('hubStamp');
    expect(wireSchema('alerts').properties).not.toHaveProperty('hubStamp');
    expect(wireSchema('tickets', { ...ticketSchema, encrypted: ['x'] } as never)).not.toHaveProperty('encrypted');
    // The shared schema object itself is untouched.
    expect(ticketSchema).toHaveProperty('primaryKey', 'id');
    expect(Object.keys(COLLECTION_SCHEMAS).sort()).toEqual([...SYNC_COLLECTIONS].sort());
  });

  it('accepts a real ticket and refuses unknown fields, wrong types and missing fields with a readable reason', () => {
    const validate = validatorFor('tickets');
    expect(validate({ ...ticket, _deleted: false })).toBeNull();
    expect(validate({ ...ticket, _deleted: true, hubStamp: 0 })).toBeNull();
    expect(validate({ ...ticket, _deleted: false, pesel: '1' })).toBe('(document) has unknown field "pesel"');
    expect(validate({ ...ticket, _deleted: false, seq: 'one' })).toBe('/seq must be integer');
    // No larger number than the hub ever leases (one would end the day's leases for the service).
    expect(validate({ ...ticket, _deleted: false, seq: 2_000_000_000 })).toBeNull();
    expect(validate({ ...ticket, _deleted: false, seq: 2_000_000_001 })).toBe('/seq must be <= 2000000000');
    expect(validate({ ...ticket })).toBe("(document) must have required property '_deleted'");
    expect(validate({ ...ticket, _deleted: false, hubStamp: -1 })).toMatch(/hubStamp/);
    expect(
      validatorFor('alerts')({
        id: 'a',
        kind: 'printer',
        code: 'X',
        ticketNumber: 'A1',
        station: 's',
        at: 1,
        acknowledgedAt: 0,
        updatedAt: 1,
        _deleted: false,
        hubStamp: 1,
      }),
    ).toMatch(/hubStamp/);
  });
});

describe('closed at every depth, bounded everywhere', () => {
  const validTicket = { ...ticket, _deleted: false };

  it('refuses an unknown field inside an event, an actor or a leg, and says where', () => {
    const check = validatorFor('tickets');
    const event = { ...ticket.events[0]!, by: { ...ticket.events[0]!.by, role: 'admin' } };
    expect(check({ ...validTicket, events: [event] })).toContain('/events/0/by has unknown field "role"');
    expect(check({ ...validTicket, legs: [{ ...ticket.legs[0]!, extra: 1 }] })).toContain('unknown field "extra"');
    const office = validatorFor('office');
    const demo = { ...DEMO_OFFICE, updatedAt: 1, _deleted: false };
    expect(office(demo)).toBeNull();
    expect(office({ ...demo, name: { ...demo.name, de: 'Amt' } })).toBe('/name has unknown field "de"');
  });

  it('refuses an overlong string and an overlong array, and keeps the bounds the schema sets itself', () => {
    const check = validatorFor('tickets');
    const longClerk = { ...ticket.events[0]!, by: { station: 'ws-1', clerk: 'x'.repeat(MAX_WIRE_STRING + 1) } };
    expect(check({ ...validTicket, events: [longClerk] })).toMatch(/must NOT have more than 2000 characters/);
    const manyEvents = Array.from({ length: MAX_WIRE_ITEMS + 1 }, () => ticket.events[0]!);
    expect(check({ ...validTicket, events: manyEvents })).toMatch(/must NOT have more than 500 items/);
    expect(check({ ...validTicket, number: 'x'.repeat(13) })).toMatch(/more than 12 characters/);
    expect(check(validTicket)).toBeNull();
  });

  it('takes the actor the hub writes: a login and the offline mark', () => {
    const event = { ...ticket.events[0]!, by: { station: 'ws-1', clerk: 'Anna', user: 'anna', offline: true } };
    expect(validatorFor('tickets')({ ...validTicket, events: [event] })).toBeNull();
  });

  it('takes a session’s signature image up to its own bound, longer than other strings', () => {
    const session = startSession({
      id: 'as-1',
      reference: 'K7M3-Q9XT',
      eservice: { id: 'dowod-osobisty', version: 1 },
      ticket: '',
      counter: 1,
      clerk: 'anna',
      language: 'pl',
      at: 1_000,
    });
    const signedWith = (svg: string) => ({
      ...session,
      signing: { path: 'pad', at: 2_000, digest: 'a'.repeat(64), svg },
      _deleted: false,
    });
    const check = validatorFor('assistedSessions');
    expect(check(signedWith('x'.repeat(MAX_SIGNATURE_SVG_LENGTH)))).toBeNull();
    expect(check(signedWith('x'.repeat(MAX_SIGNATURE_SVG_LENGTH + 1)))).toMatch(
      new RegExp(`/signing/svg must NOT have more than ${MAX_SIGNATURE_SVG_LENGTH} characters`),
    );
  });

  it('bounds every string and array of every collection, at every depth', () => {
    const unbounded: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(schema.type ?? []);
      if (types.includes('string') && !schema.enum && schema.maxLength === undefined) unbounded.push(path);
      if (types.includes('array') && schema.maxItems === undefined) unbounded.push(path);
      if (schema.properties && schema.additionalProperties !== false) unbounded.push(`${path} (open)`);
      for (const [key, value] of Object.entries((schema.properties ?? {}) as object)) visit(value, `${path}.${key}`);
      if (schema.items) visit(schema.items, `${path}[]`);
    };
    for (const collection of SYNC_COLLECTIONS) visit(wireSchema(collection), collection);
    expect(unbounded).toEqual([]);
  });
});
