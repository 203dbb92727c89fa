/**
 * What the set-up screen asks the station for, to show beside the configuration: the e-services a
 * service may offer (their definitions), and the screens paired with each counter.
 */
import { useEffect, useState } from 'react';
import { CHANNEL_ACCESS } from '../../../electron/common/access/station-access';
import type { PairedScreen } from '../../../electron/common/contract/pairing';
import type { Language } from '../../../electron/common/domain/office';
import { useMayUse } from '../../app/use-may-use';
import { useWorkstation } from '../../app/workstation';
import { useDefinitions } from '../assist/use-definitions';
import type { Choice } from './fields';

/** The e-services this station has definitions of, by id, titled in `language`. */
export function useEServiceChoices(language: Language): readonly Choice[] {
  const list = useDefinitions();
  return (list?.definitions ?? []).map((definition) => ({
    value: definition.id,
    label: `${definition.title[language]} (${definition.id})`,
  }));
}

/** The screens paired with this workstation, not disconnected; null when the person may not list them. */
export function usePairedScreens(): readonly PairedScreen[] | null {
  const { api } = useWorkstation();
  const mayList = useMayUse(CHANNEL_ACCESS['pairing.list']);
  const [screens, setScreens] = useState<readonly PairedScreen[]>([]);
  useEffect(() => {
    if (!mayList) return;
    let live = true;
    void api.pairing.list({}).then((reply) => {
      if (live && reply.ok) setScreens(reply.value.filter((screen) => screen.revokedAt === null));
    });
    return () => {
      live = false;
    };
  }, [api, mayList]);
  return mayList ? screens : null;
}
