/**
 * When two replicated documents are the same: one comparison for the workstations (RxDB's
 * conflict handlers, the "changes not sent" count) and the hub (whether a pushed row's assumed
 * master is the current one).
 */
import { HUB_STAMP_FIELD } from '../contract/hub';

const NOTHING_IGNORED: ReadonlySet<string> = new Set();
const STAMP_IGNORED: ReadonlySet<string> = new Set([HUB_STAMP_FIELD]);

/**
 * Deep equality of two JSON documents, ignoring key order and keys whose value is undefined, at
 * every depth (a key matches only a key the other object has as its own, never one it inherits,
 * such as `__proto__`). `ignoredAtTop` names keys of the documents themselves (not of nested
 * objects) that never count, such as the hub's stamp. Values compare strictly (`===`): JSON has no NaN, so a
 * document that went over the wire never holds one. RxDB calls this for every document it moves,
 * so it compares in place instead of serialising.
 */
export function equalDocuments(a: unknown, b: unknown, ignoredAtTop: ReadonlySet<string> = NOTHING_IGNORED): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalDocuments(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let leftKeys = 0;
  for (const key in left) {
    if (ignoredAtTop.has(key) || left[key] === undefined) continue;
    leftKeys++;
    if (!Object.hasOwn(right, key) || !equalDocuments(left[key], right[key])) return false;
  }
  let rightKeys = 0;
  for (const key in right) if (!ignoredAtTop.has(key) && right[key] !== undefined) rightKeys++;
  return leftKeys === rightKeys;
}

/** Deep equality of two documents, ignoring key order and the hub's confirmation stamp. */
export function sameDocument(a: unknown, b: unknown): boolean {
  return equalDocuments(a, b, STAMP_IGNORED);
}

/**
 * Deep equality including the confirmation stamp: RxDB asks this before it writes the hub's
 * version of a document locally, and the stamp is exactly what must arrive.
 */
export function identicalDocument(a: unknown, b: unknown): boolean {
  return equalDocuments(a, b);
}
