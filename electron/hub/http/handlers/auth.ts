/** Signing in and out, and what a workstation's offline cache asks (contract/hub-auth.ts). */
import {
  LoginRequestSchema,
  WindowSessionRequestSchema,
  type SessionResponse,
} from '../../../common/contract/hub-auth';
import { signIn } from '../../login';
import { openSession, revokeSession } from '../../sessions';
import { accountStatuses } from '../../users';
import { parseBody, readJson } from '../body';
import type { StationContext } from '../context';
import { sendJson } from '../messages';

export async function login({ hub, request, response, caller }: StationContext): Promise<void> {
  const body = parseBody(LoginRequestSchema, await readJson(request), 'a sign-in is {login, password, newPassword?}');
  const reply = await signIn(
    {
      db: hub.store.db,
      station: caller.station,
      attempts: hub.signInAttempts,
      directory: hub.directory,
      log: hub.log,
      address: request.socket.remoteAddress ?? 'unknown',
      now: hub.now(),
    },
    body,
  );
  hub.log.info('signed in', { station: caller.station.name, login: reply.user?.login });
  sendJson(response, 200, reply);
}

/**
 * A session for a window with nobody signed in: a kiosk, a board, a counter before its clerk signs
 * in; `{kind: 'board'}` for a screen paired from another machine, held to a board's rights.
 */
export async function windowSession({ hub, request, response, caller }: StationContext): Promise<void> {
  const body = parseBody(WindowSessionRequestSchema, await readJson(request), 'a window session is {kind?: "board"}');
  const opened = await openSession(hub.store.db, caller.station, null, hub.now(), body.kind ?? null);
  const reply: SessionResponse = { ...opened, user: null };
  sendJson(response, 200, reply);
}

export async function logout({ hub, response, caller }: StationContext): Promise<void> {
  if (caller.sessionId !== null) await revokeSession(hub.store.db, caller.sessionId);
  sendJson(response, 200, { ended: caller.sessionId !== null });
}

const MAX_ACCOUNTS_ASKED = 200;

/** `?login=a&login=b`: whether each may still sign in offline at the asking workstation. */
export async function accounts({ hub, response, url }: StationContext): Promise<void> {
  const logins = url.searchParams.getAll('login').slice(0, MAX_ACCOUNTS_ASKED);
  sendJson(response, 200, { accounts: await accountStatuses(hub.store.db, logins) });
}
