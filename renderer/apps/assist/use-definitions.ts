/** The e-services the station offers, asked once per screen (the station reads the folders at every call). */
import { useEffect, useState } from 'react';
import type { EServiceList } from '../../../electron/common/contract/assist';
import { useWorkstation } from '../../app/workstation';

export function useDefinitions(): EServiceList | null {
  const { api } = useWorkstation();
  const [list, setList] = useState<EServiceList | null>(null);
  useEffect(() => {
    let live = true;
    void api.eservices.list({}).then((result) => {
      if (live) setList(result.ok ? result.value : { definitions: [], refused: [] });
    });
    return () => {
      live = false;
    };
  }, [api]);
  return list;
}
