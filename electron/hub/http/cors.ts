/**
 * Workstation screens come from app://okienko or http://localhost:<port>, not from the hub, so the
 * API, /health and /runtime.json answer any origin: every call needs a token except the public,
 * read-only board.
 */
import type http from 'node:http';
import { CLIENT_VERSION_HEADER, HUB_SYNC_EPOCH_HEADER, HUB_TIME_HEADER } from '../../common/contract/hub';
import { headerValue } from './messages';

const ALLOWED_HEADERS = ['authorization', 'content-type', CLIENT_VERSION_HEADER];

export function setCorsHeaders(request: http.IncomingMessage, response: http.ServerResponse): void {
  const origin = headerValue(request, 'origin');
  if (!origin) return;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Vary', 'Origin');
  response.setHeader('Access-Control-Expose-Headers', `${HUB_TIME_HEADER}, ${HUB_SYNC_EPOCH_HEADER}`);
}

export function answerPreflight(request: http.IncomingMessage, response: http.ServerResponse): void {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
    'Access-Control-Max-Age': '600',
  };
  // Chromium asks before a page from elsewhere may reach a private address (the office LAN).
  if (headerValue(request, 'access-control-request-private-network') === 'true')
    headers['Access-Control-Allow-Private-Network'] = 'true';
  response.writeHead(204, headers);
  response.end();
}
