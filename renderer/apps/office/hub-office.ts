/**
 * Saving the office's configuration on a workstation that has a hub: the hub takes it whole, in
 * one transaction (contract/hub-office.ts), and every workstation — this one too — gets it by
 * sync. Written here instead, document by document, it could reach the hub half-applied; offline
 * it is not written at all (the screen says the connection is needed), so no workstation runs on
 * a configuration the others never got.
 */
import {
  ConfigurationImportedSchema,
  ConfigurationRefusedSchema,
  OFFICE_IMPORT_PATH,
} from '../../../electron/common/contract/hub-office';
import type { ConfigProblem, OfficeConfiguration } from '../../../electron/common/domain/office-config';
import { equalDocuments } from '../../../electron/common/sync/document-equality';
import { askHub, hubErrorCode, type HubAccessPoint } from '../../app/hub-request';
import type { OkienkoDatabase } from '../../db/database';
import { currentConfiguration } from '../../db/office-setup';

export type HubSave =
  | { readonly kind: 'saved' }
  /** The hub found what the screen's own check did not (another admin's change in between, say). */
  | { readonly kind: 'refused'; readonly problems: readonly ConfigProblem[] }
  /** The hub's code: the session ended, the role, the workstation's kind. */
  | { readonly kind: 'denied'; readonly code: string }
  | { readonly kind: 'lost' };

const SAVE_TIMEOUT_MS = 15_000;

export async function saveAtHub(
  point: HubAccessPoint | null,
  appVersion: string,
  configuration: OfficeConfiguration,
): Promise<HubSave> {
  const context = { fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init), point, appVersion };
  const answer = await askHub(
    { ...context, timeoutMs: SAVE_TIMEOUT_MS },
    OFFICE_IMPORT_PATH,
    ConfigurationImportedSchema,
    { method: 'POST', body: configuration, signedIn: true },
  );
  if (answer.kind === 'ok') return { kind: 'saved' };
  if (answer.kind === 'lost') return answer;
  const refused = ConfigurationRefusedSchema.safeParse(answer.body);
  if (refused.success) return { kind: 'refused', problems: refused.data.problems };
  return { kind: 'denied', code: hubErrorCode(answer.body) || String(answer.status) };
}

/** Resolves once this workstation's database holds what the hub took (by sync), or false after `timeoutMs`. */
export async function arrived(
  db: OkienkoDatabase,
  configuration: OfficeConfiguration,
  timeoutMs = 15_000,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const current = await currentConfiguration(db);
    if (current && holds(current, configuration)) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function byNumber(counters: OfficeConfiguration['counters']): OfficeConfiguration['counters'] {
  return [...counters].sort((a, b) => a.number - b.number);
}

/** The current configuration is the one saved (a service the file dropped stays there, inactive). */
function holds(current: OfficeConfiguration, saved: OfficeConfiguration): boolean {
  const services = new Map(current.services.map((service) => [service.id, service]));
  return (
    equalDocuments(current.office, saved.office) &&
    equalDocuments(byNumber(current.counters), byNumber(saved.counters)) &&
    saved.services.every((service) => equalDocuments(services.get(service.id), service))
  );
}
