/**
 * Turning whatever a request threw into the answer: a HubFailure as it is, a lost database as 503,
 * anything else as 500 (logged; the client gets no detail).
 */
import type http from 'node:http';
import type { HubError } from '../../common/contract/hub';
import { describeError, type Logger } from '../../station/log';
import { HubFailure } from '../errors';
import { discardRest } from './body';
import { safePath, sendJson } from './messages';

const databaseUnavailable = () =>
  new HubFailure(503, 'database-unavailable', 'The hub cannot reach its database right now; try again shortly');

export function toFailure(error: unknown): HubFailure {
  if (error instanceof HubFailure) return error;
  const code = (error as { code?: unknown })?.code;
  // Connection refused/reset, or PostgreSQL's class 08 (connection) and 57P (shutdown) errors.
  if (
    typeof code === 'string' &&
    (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/.test(code) || /^(08|57P)/.test(code))
  ) {
    return databaseUnavailable();
  }
  if (error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message)) {
    return databaseUnavailable();
  }
  return new HubFailure(500, 'internal', 'The hub failed to answer; the reason is in its log');
}

/** `{error, message}` with the failure's status; a response already under way is cut off instead. */
export function answerFailure(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  error: unknown,
  log: Logger,
): void {
  const failure = toFailure(error);
  if (failure.status >= 500)
    log.error('request failed', { method: request.method, path: safePath(request), error: describeError(error) });
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body: HubError = { error: failure.code, message: failure.message };
  const headers: Record<string, string> = {};
  if (failure.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="okienko-hub"';
  sendJson(response, failure.status, body, headers);
  if (failure.status === 413) discardRest(request);
}
