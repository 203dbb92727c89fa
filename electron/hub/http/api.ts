/** An API request: its gates in order (gates.ts), then the handler its route names (router.ts). */
import type { RequestContext } from './context';
import {
  authenticateStation,
  checkApiVersion,
  checkClientVersion,
  checkCollection,
  checkMethod,
  notFound,
} from './gates';
import { findRoute } from './router';

export async function dispatchApi(context: RequestContext): Promise<void> {
  const { hub, request, url } = context;
  const route = findRoute(checkApiVersion(url.pathname, hub.minClientVersion));
  if (!route) throw notFound(url.pathname);
  checkMethod(request, route.method, url.pathname);
  checkClientVersion(request, route.access === 'public', hub.minClientVersion);
  if (route.access === 'public') return route.handle(context);
  const { station, token } = await authenticateStation(request, hub.store.db);
  if (route.access === 'station') return route.handle({ ...context, station, token });
  return route.handle({ ...context, station, token, collection: checkCollection(route.collection) });
}
