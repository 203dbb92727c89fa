/** An API request: its gates in order (gates.ts), then the handler its route names (router.ts). */
import type { RequestContext } from './context';
import { checkPull } from '../../common/access/hub-access';
import {
  authenticateCaller,
  checkApiVersion,
  checkClientVersion,
  checkCollection,
  checkDoor,
  checkMethod,
  hubCaller,
  notFound,
  throwDenial,
} from './gates';
import { findRoute } from './router';

export async function dispatchApi(context: RequestContext): Promise<void> {
  const { hub, request, url } = context;
  const route = findRoute(checkApiVersion(url.pathname, hub.minClientVersion));
  if (!route) throw notFound(url.pathname);
  checkMethod(request, route.method, url.pathname);
  checkClientVersion(request, route.access === 'public', hub.minClientVersion);
  if (route.access === 'public') return route.handle(context);
  const { caller, bearer } = await authenticateCaller(request, hub.store.db, hub.now());
  if (route.access === 'station') {
    checkDoor(route.door, caller, url.pathname);
    return route.handle({ ...context, caller, bearer });
  }
  const collection = checkCollection(route.collection);
  if (route.method === 'GET') throwDenial(checkPull(collection, hubCaller(caller)));
  return route.handle({ ...context, caller, bearer, collection });
}
