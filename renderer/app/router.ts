/** Hash routes: `#/kiosk`, `#/counter/3`, `#/board`, `#/supervisor`. Hash routing works from app://, http:// and file:// alike. */
import { useEffect, useState } from 'react';

export type Route =
  | { readonly screen: 'home' }
  | { readonly screen: 'kiosk' }
  | { readonly screen: 'counter'; readonly number: number }
  | { readonly screen: 'board' }
  | { readonly screen: 'supervisor' }
  | { readonly screen: 'devices' }
  | { readonly screen: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').replace(/\/+$/, '');
  if (path === '') return { screen: 'home' };
  if (path === 'kiosk') return { screen: 'kiosk' };
  if (path === 'board') return { screen: 'board' };
  if (path === 'supervisor') return { screen: 'supervisor' };
  if (path === 'settings/devices') return { screen: 'devices' };
  const counter = /^counter\/(\d{1,3})$/.exec(path);
  if (counter) return { screen: 'counter', number: Number(counter[1]) };
  return { screen: 'not-found' };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
