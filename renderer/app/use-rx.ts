/** Live RxDB queries as React state: every screen re-renders when the data changes, no F5. */
import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

export function useObservable<T>(factory: () => Observable<T>, initial: T, deps: readonly unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = factory().subscribe({ next: setValue });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names the deps of its factory, as with useMemo
  }, deps);
  return value;
}

/** The current time, refreshed every `intervalMs`, for clocks, waiting times and day changes. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
