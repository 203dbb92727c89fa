/**
 * The content hash of a printable document: SHA-256 over its canonical JSON without the
 * signature, so a signature bound to the hash does not change it.
 */
import { createHash } from 'node:crypto';
import type { PrintableDocument } from '../../common/contract/documents';

/**
 * JSON with every object's keys sorted (by UTF-16 code units, as RFC 8785 does), recursively, no
 * white space, and `undefined` members left out; arrays keep their order. The documents hold only
 * strings, arrays and objects, so this is RFC 8785's canonical form for them.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) over the canonical JSON of the document without its `signature`. */
export function documentDigest(document: PrintableDocument): string {
  const { signature: _signature, ...content } = document;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
