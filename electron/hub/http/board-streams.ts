/**
 * The waiting-room TVs' live streams (`/board/stream`). A change to a document the board shows
 * asks for a new snapshot after a short pause, so a burst of changes costs one; a snapshot goes
 * out only when it differs from the last one sent. The office day turns at midnight with no
 * document changing, so a clock also looks once a minute.
 */
import type http from 'node:http';
import { HUB_STREAM_EVENTS, type BoardSnapshot } from '../../common/contract/hub';
import { describeError, type Logger } from '../../station/log';
import { boardSnapshot } from '../board';
import { HubFailure } from '../errors';
import type { SqlQueryable } from '../sql';
import { SseHub, sseEvent } from '../sse';

export interface BoardStreamsOptions {
  readonly db: SqlQueryable;
  readonly now: () => number;
  readonly log: Logger;
  readonly heartbeatMs: number;
  /** The pause between a change and the snapshot it asks for. */
  readonly debounceMs: number;
  /** At most this many open streams (MAX_BOARD_STREAMS). */
  readonly maxStreams?: number;
}

const CLOCK_MS = 60_000;

/** More waiting-room screens than any office has; a flood of public connections stops here. */
export const MAX_BOARD_STREAMS = 50;

export class BoardStreams {
  private readonly streams: SseHub;
  private readonly clock: NodeJS.Timeout;
  private timer: NodeJS.Timeout | null = null;
  private lastSent = '';

  constructor(private readonly options: BoardStreamsOptions) {
    this.streams = new SseHub(options.heartbeatMs);
    this.clock = setInterval(() => this.refresh(), CLOCK_MS);
    this.clock.unref();
  }

  /** The board as it is now. */
  snapshot(): Promise<BoardSnapshot> {
    return boardSnapshot(this.options.db, this.options.now());
  }

  /**
   * Takes over the request as a stream that starts with the board as it is now. The route is
   * public, so the streams are capped: a TV beyond MAX_BOARD_STREAMS is told to try again later.
   */
  async open(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (this.streams.size >= (this.options.maxStreams ?? MAX_BOARD_STREAMS))
      throw new HubFailure(503, 'board-busy', 'Too many boards are connected to this hub; this one tries again soon');
    const snapshot = await this.snapshot();
    const client = this.streams.open(request, response, {});
    client.send(sseEvent(HUB_STREAM_EVENTS.snapshot, snapshot));
  }

  /** A document the board shows has changed. */
  changed(): void {
    this.timer ??= setTimeout(() => this.refresh(), this.options.debounceMs);
  }

  close(): void {
    clearInterval(this.clock);
    if (this.timer) clearTimeout(this.timer);
    this.streams.closeAll();
  }

  private refresh(): void {
    this.timer = null;
    if (this.streams.size === 0) return;
    this.snapshot().then(
      (snapshot) => {
        const json = JSON.stringify(snapshot);
        if (json === this.lastSent) return;
        this.lastSent = json;
        this.streams.broadcast(sseEvent(HUB_STREAM_EVENTS.snapshot, json));
      },
      (error: unknown) => this.options.log.warn('board snapshot failed', { error: describeError(error) }),
    );
  }
}
