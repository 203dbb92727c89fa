/**
 * `npm run hub -- --demo`: on a hub with no office yet, the demo office (domain/demo-office.ts) is
 * imported as any configuration file is (office-configuration.ts: one transaction, announced), and
 * the three demo accounts (node/accounts/demo-accounts.ts) are made where they do not exist yet.
 * A hub whose office an admin set up keeps it: `--demo` never overwrites a configuration.
 */
import { DEMO_ACCOUNTS, demoCredentials, type DemoAccount } from '../node/accounts/demo-accounts';
import { demoConfiguration } from '../common/domain/demo-office';
import { hasOffice, importConfiguration } from './office-configuration';
import type { SqlQueryable } from './sql';
import type { HubStore, StoredDocument } from './store';

/**
 * Sets the demo up where it is not; returns the documents written (for the live feed). With the
 * hub's public address its tickets' QR codes lead to this hub's status page.
 */
export async function setUpDemo(store: HubStore, now: number, publicUrl: string | null): Promise<StoredDocument[]> {
  for (const account of DEMO_ACCOUNTS) await addDemoAccount(store.db, account);
  if (await hasOffice(store.db)) return [];
  const demo = demoConfiguration();
  if (publicUrl) demo.office.statusUrl = `${publicUrl}/#/status/{id}`;
  return importConfiguration(store, demo, now);
}

async function addDemoAccount(db: SqlQueryable, account: DemoAccount): Promise<void> {
  const { verifier, secondFactor } = await demoCredentials(account);
  await db.query(
    `INSERT INTO users (login, display_name, roles, verifier, must_change, totp_secret, totp_enabled)
     VALUES ($1, $2, $3, $4, false, $5, $6) ON CONFLICT (login) DO NOTHING`,
    [
      account.login,
      account.displayName,
      [...account.roles],
      verifier,
      secondFactor?.secret ?? null,
      secondFactor !== null,
    ],
  );
}
