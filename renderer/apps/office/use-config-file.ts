/**
 * The configuration as one file: exported from what the database holds now, and imported after the
 * whole file passed the same checks as a save (a refused file changes nothing and names every
 * field at fault) and the admin confirmed it replaces everything.
 */
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { Language } from '../../../electron/common/domain/office';
import {
  checkConfigurationText,
  describeConfigProblem,
  type OfficeConfiguration,
} from '../../../electron/common/domain/office-config';
import { officeDay } from '../../../electron/common/domain/office-time';
import { useWorkstation } from '../../app/workstation';
import { currentConfiguration } from '../../db/office-setup';
import { useT } from '../../i18n/i18n';
import { exportFileName } from './draft';
import type { OfficeSetup, Outcome } from './use-office-setup';

/** A file that passed every check, waiting for the admin's yes. */
export interface PendingImport {
  readonly file: string;
  readonly configuration: OfficeConfiguration;
}

export interface ConfigFile {
  readonly exportFile: () => Promise<void>;
  readonly importFile: (file: File) => Promise<void>;
  /** The file refused, with each problem in words. */
  readonly refused: { readonly file: string; readonly problems: readonly string[] } | null;
  readonly pending: PendingImport | null;
  readonly confirm: () => Promise<void>;
  readonly cancel: () => void;
  readonly outcome: Outcome | null;
}

/** Hands `text` to the browser as a download named `name`. */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has its own copy by then; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function useConfigFile(setup: OfficeSetup): ConfigFile {
  const t = useT();
  const language = useIntl().locale as Language;
  const { db, now } = useWorkstation();
  const [refused, setRefused] = useState<ConfigFile['refused']>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const exportFile = async () => {
    const configuration = await currentConfiguration(db);
    if (!configuration) return setOutcome({ kind: 'error', text: t('office.file.nothing') });
    const name = exportFileName(configuration.office.id, officeDay(now(), configuration.office.timeZone));
    download(`${JSON.stringify(configuration, null, 2)}\n`, name);
    setOutcome({ kind: 'info', text: t('office.file.exported', { file: name }) });
  };

  const importFile = async (file: File) => {
    setOutcome(null);
    setPending(null);
    const check = checkConfigurationText(await file.text());
    if (!check.ok) {
      setRefused({
        file: file.name,
        problems: check.problems.map((problem) => describeConfigProblem(problem, language)),
      });
      return;
    }
    setRefused(null);
    setPending({ file: file.name, configuration: check.configuration });
  };

  const confirm = async () => {
    if (!pending) return;
    setPending(null);
    const refusal = await setup.apply(pending.configuration);
    setOutcome(refusal ?? { kind: 'info', text: t('office.file.imported', { file: pending.file }) });
  };

  return { exportFile, importFile, refused, pending, confirm, cancel: () => setPending(null), outcome };
}
