/**
 * Screens on other machines: the page such a screen opens first (`#/pair`, no station behind it
 * yet), and the device screen's section where an admin shows a code and disconnects a screen
 * (each control for the roles the access table's `pairing.start` and `pairing.revoke` name).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CHANNEL_ACCESS } from '../../../electron/common/access/station-access';
import type { PairedKind } from '../../../electron/common/access/subjects';
import { PAIR_PATH, type PairedScreen } from '../../../electron/common/contract/pairing';
import { formatRoute } from '../../../electron/common/routes';
import { useMayUse } from '../../app/use-may-use';
import { useConfirmed } from '../../app/session';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT, type MessageId } from '../../i18n/i18n';

/** `#/pair`: the code, then the board (the page reloads, so its connection carries the new cookie). */
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
    location.hash = formatRoute({ screen: 'board' });
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
  const start = async (kind: PairedKind) => {
    const reply = await confirmed.run(() => api.pairing.start({ kind }));
    setShown(reply.ok ? t('pairing.code', { code: reply.value.code }) : t(errorMessage(reply.error.code, 'device')));
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
        <div className="device-actions">
          <button type="button" onClick={() => void start('board')}>
            {t('pairing.start.board')}
          </button>
          <button type="button" onClick={() => void start('customer')}>
            {t('pairing.start.customer')}
          </button>
        </div>
      )}
      <p role="status">{shown ?? ''}</p>
      {screens.length === 0 ? (
        <p>{t('pairing.none')}</p>
      ) : (
        <ul>
          {screens.map((screen) => (
            <li key={screen.id}>
              {t(`pairing.kind.${screen.kind}` as MessageId)} {screen.id}
              {screen.revokedAt !== null
                ? ` — ${t('pairing.revoked')}`
                : mayRevoke && (
                    <button type="button" onClick={() => void revoke(screen.id)}>
                      {t('pairing.revoke', { id: screen.id })}
                    </button>
                  )}
            </li>
          ))}
        </ul>
      )}
      {confirmed.dialog}
    </section>
  );
}
