/**
 * The clerk's view of the hub connection: online or offline, when the last sync was, and how many
 * changes have not reached the hub yet. The screens never wait for it — it only informs.
 */
import type { SyncStatus } from '../db/sync/replication';
import { useT } from '../i18n/i18n';
import { useObservable } from './use-rx';
import { useWorkstation } from './workstation';
import { of } from 'rxjs';

export function useSyncStatus(): SyncStatus | null {
  const { sync } = useWorkstation();
  return useObservable(() => sync?.status$ ?? of(null), sync?.status ?? null, [sync]);
}

export function SyncStatusBar() {
  const t = useT();
  const status = useSyncStatus();
  if (!status) return null;
  const time = status.lastSyncAt
    ? new Date(status.lastSyncAt).toLocaleTimeString('pl-PL', { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : t('sync.never');
  const text =
    status.connection === 'online'
      ? t('sync.online', { time, pending: status.pending })
      : status.connection === 'unauthorized'
        ? t('sync.unauthorized', { message: status.message ?? '' })
        : status.connection === 'forbidden'
          ? t('sync.forbidden')
          : status.connection === 'upgrade-required'
            ? t('sync.upgrade', { message: status.message ?? '' })
            : status.connection === 'connecting'
              ? t('sync.connecting', { pending: status.pending })
              : t('sync.offline', { time, pending: status.pending });
  return (
    <p className={`sync-status sync-status-${status.connection}`} role="status">
      {text}
    </p>
  );
}
