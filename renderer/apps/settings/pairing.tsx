/**
 * Screens on other machines: the page such a screen opens first (`#/pair`, no station behind it
 * yet), and the device screen's section where an admin shows a code — for a board, or for the
 * customer screen of one counter — and disconnects a screen (each control for the roles the access
 * table's `pairing.start` and `pairing.revoke` name).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CHANNEL_ACCESS } from '../../../electron/common/access/station-access';
import {
  PAIR_PATH,
  PairAnswerSchema,
  type PairAnswer,
  type PairedScreen,
  type PairingStart,
} from '../../../electron/common/contract/pairing';
import { formatRoute, type KnownRoute } from '../../../electron/common/routes';
import { useMayUse } from '../../app/use-may-use';
import { useConfirmed } from '../../app/session';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n';

/**
 * The screen a paired screen opens: a board's, or the customer screen of the counter it was paired
 * for (the host gives it that counter's visitor only). Anything else, the list of screens.
 */
function pairedRoute(answer: PairAnswer | null): KnownRoute {
  if (answer?.kind === 'customer' && answer.counter !== undefined)
    return { screen: 'customer', number: answer.counter };
  return answer?.kind === 'board' ? { screen: 'board' } : { screen: 'home' };
}

/** `#/pair`: the code, then the screen it was paired as (the page reloads, so its connection carries the new cookie). */
export function PairScreen() {
  const t = useT();
  const [code, setCode] = useState('');
  const [failed, setFailed] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const response = await fetch(PAIR_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.trim() }),
    }).catch(() => null);
    if (!response?.ok) return setFailed(true);
    const answer = PairAnswerSchema.safeParse(await response.json().catch(() => null));
    location.hash = formatRoute(pairedRoute(answer.success ? answer.data : null));
    location.reload();
  };
  return (
    <main className="session-screen">
      <h1>{t('pair.title')}</h1>
      <p>{t('pair.explain')}</p>
      <form className="session-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="pair-code">{t('pair.code')}</label>
        <input
          id="pair-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <p className="session-failure" role="alert">
          {failed ? t('pair.failed') : ''}
        </p>
        <button type="submit" className="primary">
          {t('pair.submit')}
        </button>
      </form>
    </main>
  );
}

/** The device screen's section: codes for new screens, and the screens paired so far. */
export function PairedScreens() {
  const t = useT();
  const { api } = useWorkstation();
  const confirmed = useConfirmed();
  const [screens, setScreens] = useState<readonly PairedScreen[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const mayStart = useMayUse(CHANNEL_ACCESS['pairing.start']);
  const mayRevoke = useMayUse(CHANNEL_ACCESS['pairing.revoke']);
  useEffect(() => {
    let live = true;
    void api.pairing.list({}).then((reply) => {
      if (live && reply.ok) setScreens(reply.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  const start = async (target: PairingStart) => {
    const reply = await confirmed.run(() => api.pairing.start(target));
    if (!reply.ok) return setShown(t(errorMessage(reply.error.code, 'device')));
    const { code } = reply.value;
    setShown(
      target.kind === 'customer'
        ? t('pairing.code.customer', { code, counter: target.counter })
        : t('pairing.code', { code }),
    );
  };
  const revoke = async (id: string) => {
    const reply = await confirmed.run(() => api.pairing.revoke({ id }));
    if (reply.ok) setScreens(reply.value);
  };
  return (
    <section className="device-card" aria-labelledby="pairing-title">
      <h2 id="pairing-title">{t('pairing.title')}</h2>
      <p className="hint">{t('pairing.explain')}</p>
      {mayStart && (
        <>
          <div className="device-actions">
            <button type="button" onClick={() => void start({ kind: 'board' })}>
              {t('pairing.start.board')}
            </button>
          </div>
          <CustomerCodeForm onStart={(counter) => void start({ kind: 'customer', counter })} />
        </>
      )}
      <p role="status">{shown ?? ''}</p>
      {screens.length === 0 ? (
        <p>{t('pairing.none')}</p>
      ) : (
        <ul>
          {screens.map((screen) => (
            <PairedScreenItem key={screen.id} screen={screen} mayRevoke={mayRevoke} onRevoke={revoke} />
          ))}
        </ul>
      )}
      {confirmed.dialog}
    </section>
  );
}

/** The counter a clerk typed, or null unless it is a whole number from 1 to 999. */
function counterNumber(typed: string): number | null {
  const number = /^\s*\d{1,3}\s*$/.test(typed) ? Number(typed) : NaN;
  return number >= 1 && number <= 999 ? number : null;
}

/**
 * A code for a customer screen names the counter it stands at: the screen is given that counter's
 * visitor only. The number is asked for before the code, and explained when it is not one.
 */
function CustomerCodeForm({ onStart }: { onStart: (counter: number) => void }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const counter = counterNumber(typed);
    setProblem(counter === null);
    if (counter !== null) onStart(counter);
  };
  return (
    <form className="device-form" onSubmit={submit} noValidate>
      <label htmlFor="pairing-counter">{t('pairing.counter')}</label>
      <input
        id="pairing-counter"
        inputMode="numeric"
        autoComplete="off"
        value={typed}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'pairing-counter-problem' : undefined}
        onChange={(event) => setTyped(event.target.value)}
      />
      {problem && (
        <p id="pairing-counter-problem" className="hint device-error" role="alert">
          {t('pairing.counter.problem')}
        </p>
      )}
      <div className="device-actions">
        <button type="submit">{t('pairing.start.customer')}</button>
      </div>
    </form>
  );
}

/**
 * One paired screen: a board, or a customer screen with its counter. One paired before screens
 * named their counter is shown no visitor's data, and the list says to pair it again.
 */
function PairedScreenItem({
  screen,
  mayRevoke,
  onRevoke,
}: {
  screen: PairedScreen;
  mayRevoke: boolean;
  onRevoke: (id: string) => Promise<void>;
}) {
  const t = useT();
  const { id, counter } = screen;
  const revoked = screen.revokedAt !== null;
  const withoutCounter = screen.kind === 'customer' && counter === undefined;
  const label =
    screen.kind === 'board'
      ? t('pairing.screen.board', { id })
      : counter === undefined
        ? t('pairing.screen.noCounter', { id })
        : t('pairing.screen.customer', { counter, id });
  return (
    <li>
      {label}
      {revoked && ` — ${t('pairing.revoked')}`}
      {withoutCounter && !revoked && <span className="device-error"> {t('pairing.screen.pairAgain')}</span>}
      {!revoked && mayRevoke && (
        <button type="button" onClick={() => void onRevoke(id)}>
          {t('pairing.revoke', { id })}
        </button>
      )}
    </li>
  );
}
