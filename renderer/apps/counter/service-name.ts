import type { ServiceDoc } from '../../db/schemas';

/** A service's Polish name, or its id when the service is gone. */
export function serviceName(services: readonly ServiceDoc[], id: string): string {
  return services.find((s) => s.id === id)?.name.pl ?? id;
}
