/** The ticket's status as the hub last told it, kept fresh by a StatusPoller tied to this page's life. */
import { useEffect, useState } from 'react';
import { INITIAL_VIEW, StatusPoller, type StatusView } from './status-poller';

/**
 * Asks the hub about ticket `id` now and every few seconds while the page is shown, at once when
 * it is shown again or the network comes back. The caller keys the page by `id`, so a new id
 * starts from a blank view.
 */
export function useTicketStatus(id: string): StatusView {
  const [view, setView] = useState<StatusView>(INITIAL_VIEW);
  useEffect(() => {
    const poller = new StatusPoller(id, setView, {
      fetch: (input, init) => fetch(input, init),
      setTimeout: (run, ms) => window.setTimeout(run, ms),
      clearTimeout: (timer) => window.clearTimeout(timer as number),
      now: () => Date.now(),
      hidden: () => document.visibilityState === 'hidden',
    });
    const onVisibility = () => poller.visibilityChanged();
    const onOnline = () => void poller.ask();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    poller.start();
    return () => {
      poller.stop();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
    };
  }, [id]);
  return view;
}
