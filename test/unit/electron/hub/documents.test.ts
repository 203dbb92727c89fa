import { describe, expect, it } from 'vitest';
import { SYNC_COLLECTIONS } from '../../../../electron/common/contract/hub';
import { COLLECTION_SCHEMAS, sameMasterState, validatorFor, wireSchema } from '../../../../electron/hub/documents';
import { ticketSchema } from '../../../../electron/common/domain/schemas';
import { issueTicket } from '../../../../electron/common/domain/ticket';

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
