/** The route of this page, following the hash as it changes. The route table is electron/common/routes.ts. */
import { useEffect, useState } from 'react';
import { parseRoute, type Route } from '../../electron/common/routes';

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
