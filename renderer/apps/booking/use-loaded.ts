/**
 * What one question to the hub's public routes brought, for a page to show: loading, the value,
 * or the problem (with `retry` to ask again). The question is asked again whenever `key` changes;
 * an answer to an older key is never shown.
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { PublicAnswer } from '../public/public-client';
import { problemOf, type Problem } from './problems';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly problem: Problem };

const LOADING = { state: 'loading' } as const;

function loadedOf<T>(answer: PublicAnswer<T>): Loaded<T> {
  if (answer.kind === 'ok') return { state: 'ready', value: answer.value };
  return { state: 'failed', problem: problemOf(answer) ?? 'lost' };
}

export interface Loading<T> {
  readonly loaded: Loaded<T>;
  /** Asks again (after a failure, or when what it shows may have changed). */
  readonly retry: () => void;
}

export function useLoaded<T>(key: string, ask: () => Promise<PublicAnswer<T>>): Loading<T> {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ readonly key: string; readonly loaded: Loaded<T> } | null>(null);
  const current = `${attempt}|${key}`;
  const question = useEffectEvent(ask);
  useEffect(() => {
    let live = true;
    void question().then((answer) => {
      if (live) setResult({ key: current, loaded: loadedOf(answer) });
    });
    return () => {
      live = false;
    };
  }, [current]);
  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { loaded: result?.key === current ? result.loaded : LOADING, retry };
}
