/**
 * The office's whole configuration (contract/hub-office.ts) for an admin's set-up screen: export it,
 * and import a file — checked whole (domain/office-config.ts), refused with every problem named by
 * its field, or written in one transaction (office-configuration.ts) and announced to every
 * workstation by the live feed. The log says who imported what office, never the file.
 */
import type { ConfigurationRefused } from '../../../common/contract/hub-office';
import { checkConfiguration } from '../../../common/domain/office-config';
import { HubFailure } from '../../errors';
import { exportConfiguration, importConfiguration } from '../../office-configuration';
import { readJson } from '../body';
import type { StationContext } from '../context';
import { sendJson } from '../messages';

export async function readOffice({ hub, response }: StationContext): Promise<void> {
  const configuration = await exportConfiguration(hub.store.db);
  if (!configuration) throw new HubFailure(404, 'not-set-up', 'The office is not set up yet');
  sendJson(response, 200, configuration);
}

export async function importOffice({ hub, request, response, caller }: StationContext): Promise<void> {
  const checked = checkConfiguration(await readJson(request));
  if (!checked.ok) {
    const refused: ConfigurationRefused = {
      error: 'bad-configuration',
      message: 'The configuration file has problems; nothing was changed',
      problems: checked.problems.map((problem) => ({ ...problem, path: [...problem.path] })),
    };
    sendJson(response, 422, refused);
    return;
  }
  const written = await importConfiguration(hub.store, checked.configuration, hub.now());
  hub.feed.committed(written);
  hub.log.info('office configuration imported', { office: checked.configuration.office.id, by: caller.user?.login });
  sendJson(response, 200, { written: written.length });
}
