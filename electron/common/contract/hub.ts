/**
 * The office hub's HTTP protocol, shared by the hub (electron/hub) and the workstations'
 * replication (renderer/db/sync/replication.ts). Versioned in the URL; every request carries the
 * workstation's token and the app version.
 *
 *   GET  /health                                   version, database kind, lag (no token)
 *   GET  /api/v1/me                                who this bearer is: station name, slot, kind, person
 *   GET  /api/v1/sync/:collection/pull?stamp&id&limit   documents after a checkpoint, in order
 *   POST /api/v1/sync/:collection/push             { rows } → { conflicts }
 *   GET  /api/v1/sync/stream                       server-sent events: every change, all collections
 *   POST /api/v1/numbers/lease                     a block of ticket numbers for one service and day
 *   POST /api/v1/queue/call-next                   the hub picks and calls the next visitor for a counter
 *   POST /api/v1/auth/login | session | logout     sessions for a workstation's windows (hub-auth.ts)
 *   GET  /api/v1/auth/accounts                     what a workstation's offline sign-in cache must know
 *   GET  /api/v1/board                             what a waiting-room TV shows (no token, no personal data)
 *   GET  /api/v1/board/stream                      the same, live (server-sent events)
 *   POST /api/v1/appointments                      a clerk books for a caller (hub-appointments.ts)
 *   GET  /api/v1/appointments/:code                that booking, by its code alone
 *   POST /api/v1/appointments/:code/move | cancel  another slot for it; cancel it
 *   …    /api/v1/public/…                          the residents' booking page (public.ts, no token)
 *
 * Every response carries `x-okienko-time` (the hub's clock, ms), from which a workstation learns
 * how far its own clock is off.
 */
import { z } from 'zod';
import { NOTICE_URGENCIES } from '../domain/notice';

export const HUB_API_PREFIX = '/api/v1';
export const HUB_API_VERSION = 1;
/** Header with the client's app version; a client older than the hub accepts gets 426. */
export const CLIENT_VERSION_HEADER = 'x-okienko-version';
export const HUB_TIME_HEADER = 'x-okienko-time';
/**
 * Header of the live stream's answer: the hub's sync epoch, a random value the hub's database
 * gets when it is created and again when an administrator restores a backup (`npm run hub --
 * after-restore`). A workstation that meets a new epoch has its checkpoints and "already sent"
 * marks refer to data this hub does not have: it pulls everything and sends everything it holds
 * again (renderer/db/sync/replication.ts).
 */
export const HUB_SYNC_EPOCH_HEADER = 'x-okienko-sync-epoch';
/** Bodies larger than this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const MAX_PULL_LIMIT = 1000;
export const MAX_PUSH_ROWS = 500;

/** The collections that replicate between workstations and the hub. `sequences` stay local. */
export const SYNC_COLLECTIONS = [
  'office',
  'services',
  'counters',
  'tickets',
  'appointments',
  'alerts',
  'notices',
  'assistedSessions',
  'assistanceRecords',
  'satisfaction',
] as const;
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];

export function isSyncCollection(value: unknown): value is SyncCollection {
  return typeof value === 'string' && (SYNC_COLLECTIONS as readonly string[]).includes(value);
}

/**
 * The field the hub sets to the document's stamp whenever it stores it, and a workstation resets
 * to 0 with every local change: a ticket with `hubStamp > 0` is as the hub confirmed it. Only
 * tickets carry it (the board shows only confirmed calls). For tickets being called or served the
 * push answer also lists the accepted document as stored (`stored`, with its stamp); the
 * workstation hands them to RxDB like conflicts whose resolution is the hub's version — while the
 * ticket there is still the one pushed; one changed since is pushed again instead — and so learns
 * at once that the hub confirmed the call.
 */
export const HUB_STAMP_FIELD = 'hubStamp';
export const STAMPED_COLLECTIONS: readonly SyncCollection[] = ['tickets'];

/** Where a pull continues: after the document `id` with stamp `stamp` (hub-assigned, strictly increasing). */
export const CheckpointSchema = z.object({ stamp: z.number().int().nonnegative(), id: z.string().max(128) }).strict();
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** A document on the wire: the document itself plus RxDB's deleted flag. */
export const WireDocumentSchema = z.object({ id: z.string().min(1).max(128), _deleted: z.boolean() }).passthrough();
export type WireDocument = z.infer<typeof WireDocumentSchema>;

export const PullResponseSchema = z.object({
  documents: z.array(WireDocumentSchema),
  checkpoint: CheckpointSchema.nullable(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const PushRowSchema = z
  .object({
    newDocumentState: WireDocumentSchema,
    assumedMasterState: WireDocumentSchema.optional(),
  })
  .strict();
export const PushRequestSchema = z.object({ rows: z.array(PushRowSchema).max(MAX_PUSH_ROWS) }).strict();
export type PushRequest = z.infer<typeof PushRequestSchema>;
export const PushResponseSchema = z.object({
  conflicts: z.array(WireDocumentSchema),
  /** Accepted tickets in state called or serving, as stored, with their stamps. */
  stored: z.array(WireDocumentSchema).optional(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** One server-sent `change` event: what one commit changed in one collection. */
export const StreamEventSchema = z.object({
  collection: z.enum(SYNC_COLLECTIONS),
  documents: z.array(WireDocumentSchema),
  checkpoint: CheckpointSchema,
});
export type StreamEvent = z.infer<typeof StreamEventSchema>;

/**
 * Event names on the hub's server-sent-event streams. `/sync/stream` sends `ready` once on connect
 * (`StreamReady`: the newest stamp this hub node has streamed; pull to catch up to it), then one
 * `change` (StreamEvent) per commit and collection. `/board/stream` sends `snapshot` (BoardSnapshot).
 */
export const HUB_STREAM_EVENTS = { ready: 'ready', change: 'change', snapshot: 'snapshot' } as const;
export const StreamReadySchema = z.object({ stamp: z.number().int().nonnegative() });
export type StreamReady = z.infer<typeof StreamReadySchema>;

export const MeResponseSchema = z.object({
  station: z.string(),
  slot: z.number().int().min(1).max(99),
  /** The token's kind; null for a token enrolled before kinds existed. Absent from older hubs. */
  kind: z.string().nullable().optional(),
  /** The login of the session's person; null for the token itself or a window with nobody signed in. */
  user: z.string().nullable().optional(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const LeaseRequestSchema = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    service: z.string().min(1).max(64),
    size: z.number().int().min(1).max(500),
  })
  .strict();
export type LeaseRequest = z.infer<typeof LeaseRequestSchema>;
/** Numbers `start`..`end` inclusive belong to the asking workstation for that day and service. */
export const LeaseResponseSchema = z.object({
  day: z.string(),
  service: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type LeaseResponse = z.infer<typeof LeaseResponseSchema>;

/**
 * Leased numbers run 1..999 and then from 100 001 up; a workstation that runs out of leased
 * numbers while offline uses slot × 1000 + 1 … slot × 1000 + 999 (slot 1..99 is part of its
 * token). The two ranges never meet, so two kiosks cut off from the hub never print the same
 * number for the same service on the same day.
 */
export const LEASED_LOW_MAX = 999;
export const LEASED_HIGH_START = 100_001;
export function fallbackRange(slot: number): { start: number; end: number } {
  return { start: slot * 1000 + 1, end: slot * 1000 + 999 };
}

/**
 * "Call next" while the hub is reachable: the hub itself picks the visitor (same rule as the
 * workstations, electron/common/domain/ordering.ts) and records the call, one counter at a time, so two
 * counters pressing the button together get two different visitors with no conflict at all. A
 * workstation that cannot reach the hub calls locally and the conflict rules take over.
 */
export const CallNextRequestSchema = z
  .object({
    counter: z.number().int().min(1).max(999),
    /**
     * Sent by earlier versions and ignored: the hub records the workstation of the token and the
     * person of the session in the ticket's history.
     */
    station: z.string().max(64).optional(),
    clerk: z.string().max(120).optional(),
    /** Chosen by the workstation; asking again with the same id returns the same visitor. */
    requestId: z.string().min(8).max(64),
  })
  .strict();
export type CallNextRequest = z.infer<typeof CallNextRequestSchema>;
export const CallNextResponseSchema = z.object({
  /** The called ticket as stored, or null when nobody waits for this counter's services. */
  ticket: WireDocumentSchema.nullable(),
  reason: z.string().nullable(),
});
export type CallNextResponse = z.infer<typeof CallNextResponseSchema>;

export const HealthSchema = z.object({
  ok: z.boolean(),
  version: z.string(),
  api: z.number(),
  database: z.enum(['pglite', 'postgresql']),
  /** The newest stamp in the database, and how far this hub node's live feed trails it. */
  stamp: z.number(),
  lag: z.object({ stamps: z.number(), ms: z.number() }),
});
export type Health = z.infer<typeof HealthSchema>;

/** The hub's error body: a code for programs and a sentence for people. */
export const HubErrorSchema = z.object({ error: z.string(), message: z.string() });
export type HubError = z.infer<typeof HubErrorSchema>;

/**
 * Tokens look like `okh_<slot>_<secret>`, and the sessions the hub opens with them
 * `oks_<slot>_<secret>`; the slot is readable without asking the hub.
 */
export function slotFromToken(token: string): number | null {
  const match = /^ok[hs]_(\d{1,2})_[A-Za-z0-9_-]{20,}$/.exec(token);
  const slot = match ? Number(match[1]) : NaN;
  return slot >= 1 && slot <= 99 ? slot : null;
}

/** What a waiting-room TV needs: the office's words and the calls the hub confirmed. No personal data. */
export const BoardSnapshotSchema = z.object({
  office: z.unknown(),
  services: z.array(z.unknown()),
  calls: z.array(
    z.object({ id: z.string(), number: z.string(), counter: z.number(), calledAt: z.number(), service: z.string() }),
  ),
  waiting: z.record(z.string(), z.number()),
  day: z.string(),
  /** Notices not withdrawn and not over (electron/common/domain/notice.ts): the TV shows them from `from` by its clock. */
  notices: z
    .array(
      z.object({
        id: z.string(),
        text: z.object({ pl: z.string(), en: z.string(), uk: z.string() }),
        from: z.number(),
        until: z.number(),
        urgency: z.enum(NOTICE_URGENCIES),
      }),
    )
    .default([]),
});
export type BoardSnapshot = z.infer<typeof BoardSnapshotSchema>;
