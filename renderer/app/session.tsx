/**
 * The person at a workstation's personal screens (counter, supervisor, device settings): the
 * sign-in, the bar with their name, the lock (on demand with Alt+L, and after the idle time the
 * station gives), and the password asked again before a sensitive action. While the screens are
 * locked nothing of the screen behind is rendered, so a visitor's details cannot be read; the
 * visit in progress stays as it was in the database.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import type { ErrorCode, Result } from '../../electron/common/contract/result';
import type { SessionInfo } from '../../electron/common/contract/session';
import { errorMessage } from '../i18n/error-messages';
import { useT } from '../i18n/i18n';
import { CodeField, RecoveryCodes, useSecondFactorStep } from './second-factor';
import { useWorkstation } from './workstation';

/** The recovery codes of an enrolment, kept above the sign-in form, which is gone once signed in. */
type OnRecoveryCodes = (codes: readonly string[]) => void;

export function useSession(): SessionInfo | null {
  const { session } = useWorkstation();
  return useSyncExternalStore(session.subscribe, session.snapshot);
}

/**
 * Renders `children` only for a signed-in person on an unlocked workstation. `busyWith` names the
 * visit in progress at this screen, if any: another person may take the workstation over only
 * when there is none.
 */
export function SignInGate({ children, busyWith = null }: { children: ReactNode; busyWith?: string | null }) {
  const info = useSession();
  const [recoveryCodes, setRecoveryCodes] = useState<readonly string[] | null>(null);
  if (!info) return <main className="screen-message" aria-busy="true" />;
  if (!info.user) return <SignInScreen takeOver={false} onRecoveryCodes={setRecoveryCodes} />;
  return (
    <>
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      ) : info.locked ? (
        <LockScreen name={info.user.displayName} busyWith={busyWith} onRecoveryCodes={setRecoveryCodes} />
      ) : (
        <>
          <SessionBar info={info} />
          <IdleLock idleLockMs={info.idleLockMs} />
        </>
      )}
      {/* Locked, the screen stays as it was (a visitor's details typed half-way, a signature under
          way), but hidden: not shown, not read out, not reachable by keyboard. */}
      <div className="session-content" hidden={info.locked || !!recoveryCodes} inert={info.locked || !!recoveryCodes}>
        {children}
      </div>
    </>
  );
}

interface SignInProps {
  readonly takeOver: boolean;
  readonly onCancel?: () => void;
  readonly onRecoveryCodes: OnRecoveryCodes;
}

function SignInScreen(props: SignInProps) {
  const t = useT();
  return (
    <main className="session-screen">
      <h1>{t('session.signIn.title')}</h1>
      <p>{t('session.signIn.explain')}</p>
      <SignInForm {...props} />
    </main>
  );
}

function SignInForm({ takeOver, onCancel, onRecoveryCodes }: SignInProps) {
  const t = useT();
  const { api } = useWorkstation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const second = useSecondFactorStep(login);
  const [failure, setFailure] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const request = {
      login,
      password,
      ...(newPassword ? { newPassword } : {}),
      ...(takeOver ? { takeOver } : {}),
      ...second.request,
    };
    const reply = await api.session.signIn(request).finally(() => setBusy(false));
    if (reply.ok) {
      if (reply.value.recoveryCodes) onRecoveryCodes(reply.value.recoveryCodes);
      return;
    }
    setFailure(reply.error.code);
    if (reply.error.code === 'PASSWORD_CHANGE_REQUIRED') setNewPassword((current) => current ?? '');
    await second.refused(reply.error.code);
  };
  return (
    <form className="session-form" onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <label htmlFor="session-login">{t('session.login')}</label>
      <input
        id="session-login"
        value={login}
        autoComplete="username"
        autoCapitalize="none"
        required
        onChange={(event) => setLogin(event.target.value)}
      />
      <label htmlFor="session-password">{t('session.password')}</label>
      <input
        id="session-password"
        type="password"
        value={password}
        autoComplete="current-password"
        required
        onChange={(event) => setPassword(event.target.value)}
      />
      {newPassword !== null && (
        <>
          <label htmlFor="session-new-password">{t('session.newPassword')}</label>
          <input
            id="session-new-password"
            type="password"
            value={newPassword}
            autoComplete="new-password"
            required
            aria-describedby="session-new-password-hint"
            onChange={(event) => setNewPassword(event.target.value)}
          />
          <p id="session-new-password-hint" className="hint">
            {t('session.newPassword.hint')}
          </p>
        </>
      )}
      {second.fields}
      <Failure code={failure} />
      <div className="session-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('session.checking') : t('session.signIn')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('session.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function Failure({ code }: { code: ErrorCode | null }) {
  const t = useT();
  return (
    <p className="session-failure" role="alert">
      {code ? t(errorMessage(code, 'device')) : ''}
    </p>
  );
}

function LockScreen({
  name,
  busyWith,
  onRecoveryCodes,
}: {
  name: string;
  busyWith: string | null;
  onRecoveryCodes: OnRecoveryCodes;
}) {
  const t = useT();
  const { api } = useWorkstation();
  const [takingOver, setTakingOver] = useState(false);
  const [refusedTakeOver, setRefusedTakeOver] = useState(false);
  if (takingOver)
    return <SignInScreen takeOver onCancel={() => setTakingOver(false)} onRecoveryCodes={onRecoveryCodes} />;
  const takeOver = () => {
    if (busyWith) setRefusedTakeOver(true);
    else setTakingOver(true);
  };
  return (
    <main className="session-screen session-locked">
      <h1>{t('session.locked.title')}</h1>
      <p>{t('session.locked.who', { name })}</p>
      <PasswordForm
        id="unlock"
        submitLabel={t('session.unlock')}
        onPassword={(password) => api.session.unlock({ password })}
      />
      <button type="button" onClick={takeOver}>
        {t('session.takeOver')}
      </button>
      <p role="status">{refusedTakeOver ? t('session.takeOver.blocked', { name }) : ''}</p>
    </main>
  );
}

/**
 * A password field (and, `withCode`, the authenticator code) and a button; `onPassword` answers,
 * and its failure is said under the fields.
 */
function PasswordForm({
  id,
  submitLabel,
  onPassword,
  onCancel,
  withCode = false,
}: {
  id: string;
  submitLabel: string;
  onPassword: (password: string, code?: string) => Promise<Result<unknown>>;
  onCancel?: () => void;
  withCode?: boolean;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  // The person is here to type the password: the field takes the focus when the form appears.
  useEffect(() => field.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const reply = await (withCode ? onPassword(password, code) : onPassword(password)).finally(() => setBusy(false));
    if (!reply.ok) setFailure(reply.error.code);
  };
  return (
    <form className="session-form" onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <label htmlFor={`${id}-password`}>{t('session.password')}</label>
      <input
        id={`${id}-password`}
        type="password"
        value={password}
        autoComplete="current-password"
        required
        ref={field}
        onChange={(event) => setPassword(event.target.value)}
      />
      {withCode && <CodeField id={id} value={code} onChange={setCode} />}
      <Failure code={failure} />
      <div className="session-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('session.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function SessionBar({ info }: { info: SessionInfo }) {
  const t = useT();
  const { api } = useWorkstation();
  const user = info.user!;
  return (
    <div className="session-bar" role="region" aria-label={t('session.signedInAs', { name: user.displayName })}>
      <span>
        {t('session.signedInAs', { name: user.displayName })}
        {user.offline && ` (${t('session.offline')})`}
      </span>
      <button type="button" onClick={() => void api.session.lock({})}>
        {t('session.lock')}
      </button>
      <button type="button" onClick={() => void api.session.signOut({})}>
        {t('session.signOut')}
      </button>
    </div>
  );
}

/** Locks the workstation after `idleLockMs` without a key or a touch, and at once on Alt+L. */
function IdleLock({ idleLockMs }: { idleLockMs: number }) {
  const { api } = useWorkstation();
  useEffect(() => {
    const lock = () => void api.session.lock({});
    let timer: ReturnType<typeof setTimeout> | null = null;
    const restart = () => {
      if (timer) clearTimeout(timer);
      if (idleLockMs > 0) timer = setTimeout(lock, idleLockMs);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        lock();
      } else restart();
    };
    restart();
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', restart);
    window.addEventListener('wheel', restart, { passive: true });
    return () => {
      if (timer) clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', restart);
      window.removeEventListener('wheel', restart);
    };
  }, [api, idleLockMs]);
  return null;
}

/**
 * Runs a sensitive action; when the station answers that the password must be given again, asks
 * for it (a dialog), confirms it with the station and runs the action once more.
 */
export function useConfirmed(): {
  readonly run: <T>(action: () => Promise<Result<T>>) => Promise<Result<T>>;
  readonly dialog: ReactNode;
} {
  const t = useT();
  const { api } = useWorkstation();
  const [asking, setAsking] = useState<((confirmed: boolean) => void) | null>(null);
  // The station says whether the password will do or the authenticator code is wanted too.
  const [withCode, setWithCode] = useState(false);
  const run = useCallback(async <T,>(action: () => Promise<Result<T>>): Promise<Result<T>> => {
    const first = await action();
    if (first.ok || (first.error.code !== 'REAUTH_REQUIRED' && first.error.code !== 'SECOND_FACTOR_REQUIRED'))
      return first;
    setWithCode(first.error.code === 'SECOND_FACTOR_REQUIRED');
    const confirmed = await new Promise<boolean>((resolve) => setAsking(() => resolve));
    setAsking(null);
    return confirmed ? action() : first;
  }, []);
  const dialog = asking && (
    <div className="dialog-backdrop">
      <section role="dialog" aria-modal="true" aria-labelledby="confirm-title" className="dialog">
        <h2 id="confirm-title">{t(withCode ? 'session.confirm.titleWithCode' : 'session.confirm.title')}</h2>
        <p>{t(withCode ? 'session.confirm.explainWithCode' : 'session.confirm.explain')}</p>
        <PasswordForm
          id="confirm"
          withCode={withCode}
          submitLabel={t('session.confirm')}
          onPassword={async (password, code) => {
            const reply = await api.session.confirm(code ? { password, code } : { password });
            if (reply.ok) asking(true);
            return reply;
          }}
          onCancel={() => asking(false)}
        />
      </section>
    </div>
  );
  return { run, dialog };
}
