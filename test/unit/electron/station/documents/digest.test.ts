import { describe, expect, it } from 'vitest';
import { canonicalJson, documentDigest } from '../../../../../electron/station/documents/digest';
import { summary } from '../../../../support/documents/summary';

describe('the canonical JSON of a document', () => {
  it('sorts the keys at every level, keeps the order of arrays and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, ą: 'ż' })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1,"ą":"ż"}',
    );
  });

  it('is the same however the object was written', () => {
    const reverse = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverse)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, member]) => [key, reverse(member)]),
            )
          : value;
    const document = summary({ signature: true, qr: true });
    const reversed = reverse(document);
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(document));
    expect(canonicalJson(reversed)).toBe(canonicalJson(document));
  });
});

describe('the content hash', () => {
  it('ignores the signature and changes with any word', () => {
    const document = summary();
    const hash = documentDigest(document);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(documentDigest({ ...document, signature: { svg: '<svg/>', caption: 'Podpis' } })).toBe(hash);
    expect(documentDigest({ ...document, title: `${document.title}.` })).not.toBe(hash);
    expect(documentDigest({ ...document, at: '2026-12-04T10:16:00+01:00' })).not.toBe(hash);
  });
});
