/**
 * Whether this screen may book at all, now: the workstation has a hub, the hub answers, lets this
 * workstation's kind and this person's roles use the staff routes (hub-access.ts ROUTE_ACCESS
 * `appointments`, asked of `/me` and checked here as the hub checks it), and has an office set up.
 * Any answer lost on the way, or the sync's own word that the hub is gone, turns the screen to
 * "no connection" until the hub answers again: a booking made offline could give one slot to two
 * people. The office, once loaded, is kept, so a draft under way survives a lost connection.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { checkRoute } from '../../../electron/common/access/hub-access';
import { isTokenKind, type UserRole } from '../../../electron/common/access/subjects';
import type { PublicOffice } from '../../../electron/common/contract/public';
import { useSession } from '../../app/session';
import { useSyncStatus } from '../../app/sync-status';
import { useWorkstation, type Workstation } from '../../app/workstation';
import { staffClient, type StaffClient } from './staff-client';

export type HubState =
  | { readonly state: 'checking' }
  /** This workstation works without a hub. */
  | { readonly state: 'alone' }
  | { readonly state: 'offline' }
  /** The hub's code: `forbidden-kind`, `forbidden-role`, `sign-in-required`, `session-ended`… */
  | { readonly state: 'denied'; readonly code: string }
  /** The hub has no office set up yet. */
  | { readonly state: 'no-office' }
  | { readonly state: 'ready' };

const CHECKING: HubState = { state: 'checking' };
const OFFLINE: HubState = { state: 'offline' };

export interface HubAccess {
  readonly state: HubState;
  /** The office and its bookable services, once the hub has told them. */
  readonly office: PublicOffice | null;
  readonly client: StaffClient;
  /** Asks the hub again (the "check again" button). */
  readonly retry: () => void;
}

export function useHubAccess(): HubAccess {
  const { api, station } = useWorkstation();
  const roles = useSession()?.user?.roles ?? null;
  const connection = useSyncStatus()?.connection ?? null;
  const [state, setState] = useState<HubState>(CHECKING);
  const [office, setOffice] = useState<PublicOffice | null>(null);
  const [attempt, setAttempt] = useState(0);
  const client = useMemo(
    () =>
      staffClient({
        connection: async () => {
          const reply = await api.hub.connection({});
          return reply.ok ? reply.value : null;
        },
        appVersion: station.version,
        onTrouble: (answer) => setState(answer.kind === 'denied' ? { state: 'denied', code: answer.code } : OFFLINE),
      }),
    [api, station.version],
  );
  const roleKey = roles?.join(',') ?? '';
  useEffect(() => {
    let live = true;
    void probe(api, client, roleKey ? (roleKey.split(',') as UserRole[]) : null).then((result) => {
      if (!live) return;
      if (result.office) setOffice(result.office);
      setState(result.state);
    });
    return () => {
      live = false;
    };
  }, [api, client, roleKey, attempt]);
  // Back online by the sync's word: ask again, so the screen comes back by itself.
  const previous = useRef(connection);
  useEffect(() => {
    if (connection === 'online' && previous.current !== 'online' && previous.current !== null)
      setAttempt((count) => count + 1);
    previous.current = connection;
  }, [connection]);
  const shown = state.state === 'ready' && connection === 'offline' ? OFFLINE : state;
  const retry = () => {
    setState(CHECKING);
    setAttempt((count) => count + 1);
  };
  return { state: shown, office, client, retry };
}

async function probe(
  api: Workstation['api'],
  client: StaffClient,
  roles: readonly UserRole[] | null,
): Promise<{ state: HubState; office?: PublicOffice }> {
  const reply = await api.hub.connection({});
  if (reply.ok && reply.value === null) return { state: { state: 'alone' } };
  if (!reply.ok || !reply.value?.session) return { state: OFFLINE };
  const me = await client.me();
  if (me.kind === 'denied') return { state: { state: 'denied', code: me.code } };
  if (me.kind !== 'ok') return { state: OFFLINE };
  // A session with nobody in it: the person signed in here while the hub was out of reach.
  const denial = me.value.user
    ? checkRoute('appointments', { kind: isTokenKind(me.value.kind) ? me.value.kind : null, roles })
    : { code: 'sign-in-required' };
  if (denial) return { state: { state: 'denied', code: denial.code } };
  const office = await client.office();
  if (office.kind === 'ok') return { state: { state: 'ready' }, office: office.value };
  return { state: office.kind === 'missing' ? { state: 'no-office' } : OFFLINE };
}
