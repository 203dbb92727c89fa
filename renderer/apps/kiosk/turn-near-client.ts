/**
 * The kiosk's two questions to its office hub for "your turn is near"
 * (contract/hub-turn-near.ts), in the window's session: what the hub can send, and the visitor's
 * request. Never throws: no hub, no session, no answer in time or a refusal is an answer of its
 * own, so the kiosk offers nothing it cannot keep. DOM-free, `fetch` passed in.
 */
import {
  TURN_NEAR_OFFER_PATH,
  TURN_NEAR_PATH,
  TurnNearAcceptedSchema,
  TurnNearOfferSchema,
  type TurnNearOffer,
  type TurnNearRequest,
} from '../../../electron/common/contract/hub-turn-near';
import { askHub, hubErrorCode, type HubAccessPoint } from '../../app/hub-request';

/** A kiosk asks briefly: the visitor should not wait for an offer. */
const OFFER_TIMEOUT_MS = 3_000;
const REQUEST_TIMEOUT_MS = 8_000;

export type TurnNearOutcome = 'accepted' | 'not-waiting' | 'failed';

export interface TurnNearClient {
  /** What the hub can send; null when it cannot be reached or sends nothing. */
  offer(): Promise<TurnNearOffer | null>;
  register(request: TurnNearRequest): Promise<TurnNearOutcome>;
}

export function turnNearClient(
  connection: () => Promise<HubAccessPoint | null>,
  appVersion: string,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): TurnNearClient {
  const context = async (timeoutMs: number) => ({
    fetch: fetcher,
    point: await connection().catch(() => null),
    appVersion,
    timeoutMs,
  });
  return {
    async offer() {
      const answer = await askHub(await context(OFFER_TIMEOUT_MS), TURN_NEAR_OFFER_PATH, TurnNearOfferSchema, {
        signedIn: true,
      });
      if (answer.kind !== 'ok') return null;
      return answer.value.sms || answer.value.email ? answer.value : null;
    },
    async register(request) {
      const answer = await askHub(await context(REQUEST_TIMEOUT_MS), TURN_NEAR_PATH, TurnNearAcceptedSchema, {
        method: 'POST',
        body: request,
        signedIn: true,
      });
      if (answer.kind === 'ok') return 'accepted';
      if (answer.kind === 'failed' && hubErrorCode(answer.body) === 'not-waiting') return 'not-waiting';
      return 'failed';
    },
  };
}
