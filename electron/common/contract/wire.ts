/**
 * Frames of the browser host's WebSocket transport. Electron IPC needs no framing of its own:
 * `ipcRenderer.invoke` already pairs a reply with its call.
 */
import { z } from 'zod';
import { WINDOW_KINDS } from '../access/subjects';
import type { Result } from './result';

export const WS_PATH = '/api/v1';
/** Frames bigger than this are refused before parsing. */
export const WS_MAX_FRAME_BYTES = 256 * 1024;

export const CallFrameSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  /** The screen the page shows now (its route): the station checks the call against it. */
  window: z.enum(WINDOW_KINDS),
  channel: z.string().max(100),
  payload: z.unknown(),
});
export type CallFrame = z.infer<typeof CallFrameSchema>;

/** The page's screen changed (and, first thing on every connection, what it is). */
export const WindowFrameSchema = z.object({ t: z.literal('window'), window: z.enum(WINDOW_KINDS) });
export const ClientFrameSchema = z.discriminatedUnion('t', [CallFrameSchema, WindowFrameSchema]);

export type ReplyFrame = { t: 'reply'; id: number | null; result: Result<unknown> };
export type EventFrame = { t: 'event'; event: string; payload: unknown };
export type ServerFrame = ReplyFrame | EventFrame;

export const ServerFrameSchema = z.union([
  z.object({
    t: z.literal('reply'),
    id: z.number().int().nullable(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  }),
  z.object({ t: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
