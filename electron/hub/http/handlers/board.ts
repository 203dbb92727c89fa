/** The waiting-room board: public (no token) and free of personal data (board.ts). */
import type { RequestContext } from '../context';
import { sendJson } from '../messages';

export async function board({ hub, response }: RequestContext): Promise<void> {
  sendJson(response, 200, await hub.boardStreams.snapshot());
}

export async function boardStream({ hub, request, response }: RequestContext): Promise<void> {
  await hub.boardStreams.open(request, response);
}
