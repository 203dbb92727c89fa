/**
 * The collections' conflict handlers for RxDB: the document rules (which state wins when a
 * workstation's change meets another at the hub, electron/common/sync/conflict-rules.ts) and the
 * one document equality (electron/common/sync/document-equality.ts), in the shape RxDB calls.
 */
import type { RxConflictHandler } from 'rxdb';
import { conflictRules, type ConflictRule } from '../../../electron/common/sync/conflict-rules';
import { identicalDocument } from '../../../electron/common/sync/document-equality';

/**
 * The context in which RxDB's downstream asks `isEqual(master, local)` right before it writes a
 * document from the hub over the local one (rxdb/src/replication-protocol/downstream.ts).
 */
export const DOWNSTREAM_WRITE_CHECK = 'downstream-check-if-equal-1';

/**
 * RxDB asks `isEqual` before it writes the hub's version locally; equal means "nothing new". For a
 * rule that can tell an older hub version from the local one (tickets), an older version counts as
 * nothing new too — it can arrive late by the live stream (or a pull that read the hub a moment
 * earlier), e.g. the "serving" a finished visitor's "done" replaced, and written over the newer one
 * it would for a moment make the visitor "serving" again and the counter "busy". The check runs
 * where RxDB decides, with the local copy read just then, so no ordering of answers and events
 * slips past it.
 */
export function rxConflictHandler<T>(rule: ConflictRule<T>): RxConflictHandler<T> {
  const stale = rule.staleHubVersion;
  return {
    isEqual: stale
      ? (a, b, context) => identicalDocument(a, b) || (context === DOWNSTREAM_WRITE_CHECK && stale(a, b))
      : (a, b) => identicalDocument(a, b),
    resolve: async (input) => rule.resolve(input),
  };
}

export const conflictHandlers = {
  office: rxConflictHandler(conflictRules.office),
  services: rxConflictHandler(conflictRules.services),
  counters: rxConflictHandler(conflictRules.counters),
  tickets: rxConflictHandler(conflictRules.tickets),
  appointments: rxConflictHandler(conflictRules.appointments),
  alerts: rxConflictHandler(conflictRules.alerts),
  notices: rxConflictHandler(conflictRules.notices),
  assistedSessions: rxConflictHandler(conflictRules.assistedSessions),
  assistanceRecords: rxConflictHandler(conflictRules.assistanceRecords),
  satisfaction: rxConflictHandler(conflictRules.satisfaction),
};
