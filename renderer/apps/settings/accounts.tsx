/**
 * The admin screen for the office's accounts: who may sign in, with which roles; add one (its
 * one-time password is shown once, to hand over in person), disable or enable, give a new one-time
 * password, change roles. Each change asks for the admin's password again when the last check is
 * not recent. The accounts are the hub's (the station asks it in the admin's session) or, on a
 * workstation that works alone, its own. Whoever may not manage them (the access table's
 * `accounts.list` and `accounts.change`) reads why instead of a form that would be refused.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CHANNEL_ACCESS } from '../../../electron/common/access/station-access';
import { USER_ROLES, type UserRole } from '../../../electron/common/access/subjects';
import type { AccountChange, AccountInfo } from '../../../electron/common/contract/accounts';
import { useMayUse } from '../../app/use-may-use';
import { useConfirmed } from '../../app/session';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT, type MessageId } from '../../i18n/i18n';

interface Outcome {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

/** A change to an account, or null where the person may only look. */
type OnChange = ((request: AccountChange) => void) | null;

export function Accounts() {
  const t = useT();
  const mayList = useMayUse(CHANNEL_ACCESS['accounts.list']);
  const mayChange = useMayUse(CHANNEL_ACCESS['accounts.change']);
  if (mayList) return <AccountManager mayChange={mayChange} />;
  return (
    <main className="accounts">
      <h1>{t('accounts.title')}</h1>
      <p>{t('accounts.adminOnly')}</p>
    </main>
  );
}

function AccountManager({ mayChange }: { mayChange: boolean }) {
  const t = useT();
  const { api } = useWorkstation();
  const confirmed = useConfirmed();
  const [accounts, setAccounts] = useState<readonly AccountInfo[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // Read again after every change (`version`): the list shows what the hub or the file holds.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void api.accounts.list({}).then((reply) => {
      if (!live) return;
      if (reply.ok) setAccounts(reply.value);
      else setOutcome({ kind: 'error', text: t(errorMessage(reply.error.code, 'device')) });
    });
    return () => {
      live = false;
    };
  }, [api, t, version]);

  const change = async (request: AccountChange) => {
    const reply = await confirmed.run(() => api.accounts.change(request));
    if (!reply.ok) return setOutcome({ kind: 'error', text: t(errorMessage(reply.error.code, 'device')) });
    const { login } = request;
    const password = reply.value.oneTimePassword;
    setOutcome({
      kind: 'info',
      text: password ? t('accounts.oneTime', { login, password }) : t('accounts.done', { login }),
    });
    setVersion((current) => current + 1);
  };

  return (
    <main className="accounts">
      <h1>{t('accounts.title')}</h1>
      <p>{t('accounts.explain')}</p>
      <p
        className={`accounts-outcome accounts-outcome-${outcome?.kind ?? 'info'}`}
        role={outcome?.kind === 'error' ? 'alert' : 'status'}
      >
        {outcome?.text ?? ''}
      </p>
      {mayChange && <AddAccount onAdd={(request) => void change(request)} />}
      {accounts && <AccountTable accounts={accounts} onChange={mayChange ? (request) => void change(request) : null} />}
      {confirmed.dialog}
    </main>
  );
}

function AddAccount({ onAdd }: { onAdd: (request: AccountChange) => void }) {
  const t = useT();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<readonly UserRole[]>(['clerk']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAdd({ command: 'user.add', login, roles: [...roles], ...(displayName.trim() ? { displayName } : {}) });
  };
  return (
    <form className="accounts-add" onSubmit={submit} aria-labelledby="accounts-add-title">
      <h2 id="accounts-add-title">{t('accounts.add')}</h2>
      <label htmlFor="account-login">{t('accounts.login')}</label>
      <input
        id="account-login"
        value={login}
        required
        autoCapitalize="none"
        onChange={(event) => setLogin(event.target.value)}
      />
      <label htmlFor="account-name">{t('accounts.name')}</label>
      <input
        id="account-name"
        value={displayName}
        autoComplete="off"
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <RoleChoice id="new" roles={roles} onRoles={setRoles} />
      <button type="submit" className="primary" disabled={roles.length === 0}>
        {t('accounts.add')}
      </button>
    </form>
  );
}

function RoleChoice({
  id,
  roles,
  onRoles,
}: {
  id: string;
  roles: readonly UserRole[];
  onRoles: (roles: readonly UserRole[]) => void;
}) {
  const t = useT();
  return (
    <fieldset className="accounts-roles">
      <legend>{t('accounts.roles')}</legend>
      {USER_ROLES.map((role) => (
        <label key={role} htmlFor={`role-${id}-${role}`}>
          <input
            id={`role-${id}-${role}`}
            type="checkbox"
            checked={roles.includes(role)}
            onChange={(event) =>
              onRoles(event.target.checked ? [...roles, role] : roles.filter((other) => other !== role))
            }
          />
          {t(`accounts.role.${role}` as MessageId)}
        </label>
      ))}
    </fieldset>
  );
}

function AccountTable({ accounts, onChange }: { accounts: readonly AccountInfo[]; onChange: OnChange }) {
  const t = useT();
  if (accounts.length === 0) return <p>{t('accounts.none')}</p>;
  return (
    <table className="accounts-table">
      <caption>{t('accounts.list')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('accounts.login')}</th>
          <th scope="col">{t('accounts.name')}</th>
          <th scope="col">{t('accounts.roles')}</th>
          <th scope="col">{t('accounts.state')}</th>
          {onChange && <th scope="col">{t('accounts.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <AccountRow key={account.login} account={account} onChange={onChange} />
        ))}
      </tbody>
    </table>
  );
}

function AccountRow({ account, onChange }: { account: AccountInfo; onChange: OnChange }) {
  const t = useT();
  const { login } = account;
  const state = [
    account.active ? t('accounts.state.active') : t('accounts.state.disabled'),
    ...(account.locked ? [t('accounts.state.locked')] : []),
    ...(account.mustChange ? [t('accounts.state.mustChange')] : []),
    ...(account.secondFactor ? [t('accounts.state.secondFactor')] : []),
    ...(account.source === 'directory' ? [t('accounts.state.directory')] : []),
  ].join(', ');
  return (
    <tr>
      <th scope="row">{login}</th>
      <td>{account.displayName}</td>
      <td>
        {onChange ? (
          <RolesEditor account={account} onChange={onChange} />
        ) : (
          account.roles.map((role) => t(`accounts.role.${role}` as MessageId)).join(', ')
        )}
      </td>
      <td>{state}</td>
      {onChange && (
        <td className="accounts-actions">
          <button
            type="button"
            onClick={() => onChange({ command: account.active ? 'user.disable' : 'user.enable', login })}
          >
            {account.active ? t('accounts.disable', { login }) : t('accounts.enable', { login })}
          </button>
          <button type="button" onClick={() => onChange({ command: 'user.reset', login })}>
            {t('accounts.reset', { login })}
          </button>
        </td>
      )}
    </tr>
  );
}

function RolesEditor({ account, onChange }: { account: AccountInfo; onChange: (request: AccountChange) => void }) {
  const t = useT();
  const { login } = account;
  const [roles, setRoles] = useState<readonly UserRole[]>(account.roles);
  return (
    <>
      <RoleChoice id={login} roles={roles} onRoles={setRoles} />
      <button
        type="button"
        disabled={roles.length === 0}
        onClick={() => onChange({ command: 'user.roles', login, roles: [...roles] })}
      >
        {t('accounts.saveRoles', { login })}
      </button>
    </>
  );
}
