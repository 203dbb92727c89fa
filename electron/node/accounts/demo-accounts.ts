/**
 * `--demo`: three accounts so a newcomer can try every screen in a minute — a clerk, a supervisor
 * and an admin — with passwords printed at every start, and the supervisor's and admin's second
 * factor already enrolled with one published key (printed too, for any authenticator app or
 * `oathtool --totp -b <key>`). Made once, only where the account does not exist yet; an account an
 * admin already changed is left alone. Never for a real office: everything here is public.
 */
import { needsSecondFactor, type UserRole } from '../../common/access/subjects';
import { makeVerifier } from './password';
import { totpUri, type SecondFactorRecord } from './second-factor';

export interface DemoAccount {
  readonly login: string;
  readonly displayName: string;
  readonly roles: readonly UserRole[];
  readonly password: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'urzednik', displayName: 'Anna Nowak (demo)', roles: ['clerk'], password: 'okienko-demo-1' },
  { login: 'kierownik', displayName: 'Piotr Wiśniewski (demo)', roles: ['supervisor'], password: 'okienko-demo-2' },
  { login: 'admin', displayName: 'Ewa Kowalska (demo)', roles: ['admin'], password: 'okienko-demo-3' },
];

/** The demo's authenticator key, the same in every demo installation (base32, 160 bits). */
export const DEMO_TOTP_SECRET = 'OKIENKODEMOOKIENKODEMOOKIENKODEM';

/** What a demo account is stored with: its password's verifier, no one-time password, the key enrolled. */
export async function demoCredentials(account: DemoAccount): Promise<{
  readonly verifier: string;
  readonly secondFactor: SecondFactorRecord | null;
}> {
  return {
    verifier: await makeVerifier(account.password),
    secondFactor: needsSecondFactor(account.roles)
      ? { secret: DEMO_TOTP_SECRET, lastStep: 0, recoveryHashes: [] }
      : null,
  };
}

/** The lines printed at start: who may sign in, and how. */
export function demoBanner(where: string): string {
  const rows = DEMO_ACCOUNTS.map(
    (account) =>
      `  ${account.roles.join(', ').padEnd(11)} login ${account.login.padEnd(10)} password ${account.password}`,
  );
  return [
    `DEMO (${where}): the demo office and these accounts — never use --demo in a real office:`,
    ...rows,
    `  The supervisor and the admin also give a code from an authenticator app with the key`,
    `  ${DEMO_TOTP_SECRET} (${totpUri(DEMO_TOTP_SECRET, 'demo')}),`,
    `  or on the command line: oathtool --totp -b ${DEMO_TOTP_SECRET}`,
    '',
  ].join('\n');
}

/** What a workstation started with `--demo` prints: its own demo accounts, or where they are. */
export function workstationDemoNotice(withHub: boolean, where: string): string {
  return withHub
    ? "DEMO: a fresh workstation takes the demo office; the accounts are the hub's (npm run hub -- --demo)\n"
    : demoBanner(where);
}
