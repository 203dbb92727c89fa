/**
 * A report of a range of days, asked of the office hub as the person signed in at this window
 * (`GET /reports`, hub-access.ts door `reports`). The hub computes it in SQL over every ticket it
 * holds; nothing is loaded here but the figures. When there is no hub (the workstation works
 * alone) or it cannot be reached, the state says so and the screen falls back to today's figures
 * from this workstation's own copy (today-report.ts).
 */
import { useEffect, useState } from 'react';
import {
  REPORTS_PATH,
  ReportSchema,
  type Report,
  type ReportQuery,
} from '../../../electron/common/contract/hub-reports';
import { askHub, hubErrorCode } from '../../app/hub-request';
import { useSyncStatus } from '../../app/sync-status';
import { useWorkstation } from '../../app/workstation';

export type ReportState =
  | { readonly state: 'loading' }
  /** The workstation has no hub configured. */
  | { readonly state: 'alone' }
  | { readonly state: 'offline' }
  /** The hub refused this workstation or person: its code (`forbidden-role`, `sign-in-required`…). */
  | { readonly state: 'denied'; readonly code: string }
  /** The hub answered with an error other than a denial (a bad range, a failure). */
  | { readonly state: 'failed' }
  | { readonly state: 'ready'; readonly report: Report };

/** A year of a large office is computed within a second; room for a slow link and a busy hub. */
export const REPORT_TIMEOUT_MS = 15_000;

/** The hub's report of `query`, asked again when `attempt` changes or the sync comes back online. */
export function useHubReport(query: ReportQuery, attempt: number): ReportState {
  const { api, station } = useWorkstation();
  const connection = useSyncStatus()?.connection ?? null;
  const online = connection === 'online';
  const key = `${query.from}/${query.to}/${query.target}`;
  // The answer is kept with the request it answers: a newer request shows "loading" until its own.
  const request = `${key}/${attempt}/${online}`;
  const [answer, setAnswer] = useState<{ request: string; state: ReportState } | null>(null);
  useEffect(() => {
    let live = true;
    const ask = async (): Promise<ReportState> => {
      const reply = await api.hub.connection({});
      if (reply.ok && reply.value === null) return { state: 'alone' };
      if (!reply.ok || !reply.value?.session) return { state: 'offline' };
      const search = new URLSearchParams({ from: query.from, to: query.to, target: String(query.target) });
      const answer = await askHub(
        {
          fetch: (input, init) => fetch(input, init),
          point: reply.value,
          appVersion: station.version,
          timeoutMs: REPORT_TIMEOUT_MS,
        },
        `${REPORTS_PATH}?${search.toString()}`,
        ReportSchema,
        { signedIn: true },
      );
      if (answer.kind === 'ok') return { state: 'ready', report: answer.value };
      if (answer.kind === 'lost') return { state: 'offline' };
      if (answer.status === 401 || answer.status === 403 || answer.status === 426)
        return { state: 'denied', code: hubErrorCode(answer.body) || String(answer.status) };
      return answer.status >= 500 ? { state: 'offline' } : { state: 'failed' };
    };
    void ask().then((next) => {
      if (live) setAnswer({ request, state: next });
    });
    return () => {
      live = false;
    };
    // `online` too: the report comes back by itself when the sync reaches the hub again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, station.version, request]);
  const state: ReportState = answer?.request === request ? answer.state : { state: 'loading' };
  // The sync's own word that the hub is gone outranks an answer given before.
  return state.state === 'ready' && connection === 'offline' ? { state: 'offline' } : state;
}
