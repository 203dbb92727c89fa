import { describe, expect, it } from 'vitest';
import { equalDocuments, identicalDocument, sameDocument } from '../../../../../electron/common/sync/document-equality';

describe('document equality', () => {
  it('ignores key order and undefined keys, not values, array order or types', () => {
    expect(identicalDocument({ a: 1, b: { c: [1, { d: 2 }] } }, { b: { c: [1, { d: 2 }] }, a: 1, e: undefined })).toBe(
      true,
    );
    expect(identicalDocument({ a: 1 }, { a: '1' })).toBe(false);
    expect(identicalDocument({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(identicalDocument({ a: null }, { a: undefined })).toBe(false);
    expect(identicalDocument({ a: 1, hubStamp: 2 }, { a: 1, hubStamp: 3 })).toBe(false);
    expect(sameDocument({ a: 1, hubStamp: 2 }, { a: 1, hubStamp: 3 })).toBe(true);
    expect(sameDocument({ a: 1, hubStamp: 2 }, { a: 1 })).toBe(true);
    expect(sameDocument({ a: { hubStamp: 1 } }, { a: { hubStamp: 2 } })).toBe(false);
  });

  it('equality ignores key order and the hub stamp', () => {
    expect(
      sameDocument({ a: 1, b: { c: 2, d: [1, 2] }, hubStamp: 5 }, { b: { d: [1, 2], c: 2 }, a: 1, hubStamp: 9 }),
    ).toBe(true);
    expect(sameDocument({ a: 1, b: [1, 2] }, { a: 1, b: [2, 1] })).toBe(false);
  });

  it('leaves out the keys it is told to, at the top level only', () => {
    const ignored = new Set(['hubStamp', '_rev']);
    expect(equalDocuments({ a: 1, hubStamp: 1, _rev: '1-a' }, { a: 1, hubStamp: 2 }, ignored)).toBe(true);
    expect(equalDocuments({ a: { _rev: '1-a' } }, { a: { _rev: '2-b' } }, ignored)).toBe(false);
    expect(equalDocuments([{ hubStamp: 1 }], [{ hubStamp: 2 }], ignored)).toBe(false);
    expect(equalDocuments({ a: 1 }, { a: 1, b: 0 }, ignored)).toBe(false);
  });

  it('matches a key only with one the other document has as its own', () => {
    // JSON.parse makes `__proto__` an ordinary own key; a plain object only inherits one.
    const parsed = JSON.parse('{"__proto__": {}}') as unknown;
    expect(equalDocuments(parsed, { other: {} })).toBe(false);
    expect(equalDocuments(parsed, JSON.parse('{"__proto__": {}}'))).toBe(true);
  });
});
