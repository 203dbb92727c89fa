/**
 * The board as a waiting-room TV shows it when it opens the hub's address (`http://<hub>/#/board`):
 * no installation, no token, no local database — the hub's public board feed, which carries only
 * calls the hub confirmed and no personal data. The browser's EventSource reconnects by itself.
 */
import { useEffect, useState } from 'react';
import { BoardSnapshotSchema, HUB_API_PREFIX, type BoardSnapshot } from '../../../electron/common/contract/hub';
import type { Office, Service } from '../../../electron/common/domain/office';
import { BoardWithLanguage, type BoardData } from './board';

export function toBoardData(snapshot: BoardSnapshot): BoardData {
  return {
    office: (snapshot.office as Office | null) ?? null,
    services: snapshot.services as Service[],
    calls: snapshot.calls,
    waiting: snapshot.waiting,
    notices: snapshot.notices,
  };
}

export function HubBoard() {
  const [data, setData] = useState<BoardData>({ office: null, services: [], calls: [], waiting: {}, notices: [] });
  useEffect(() => {
    const source = new EventSource(`${HUB_API_PREFIX}/board/stream`);
    const onSnapshot = (event: MessageEvent<string>) => {
      try {
        const parsed = BoardSnapshotSchema.safeParse(JSON.parse(event.data));
        if (parsed.success) setData(toBoardData(parsed.data));
      } catch {
        // a malformed frame: keep showing the last good board
      }
    };
    source.addEventListener('snapshot', onSnapshot);
    source.addEventListener('message', onSnapshot);
    return () => source.close();
  }, []);
  return <BoardWithLanguage data={data} />;
}
