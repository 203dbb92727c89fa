/** The query of a pull: `?stamp&id&limit`. */
import { MAX_PULL_LIMIT, type Checkpoint } from '../../common/contract/hub';
import { badRequest } from '../errors';

export const DEFAULT_PULL_LIMIT = 100;

const PULL_PARAMETERS = new Set(['stamp', 'id', 'limit']);

/** `?stamp&id&limit`: both checkpoint fields or neither; anything else (RxDB's `lwt`) is refused. */
export function parsePullQuery(params: URLSearchParams): { checkpoint: Checkpoint | null; limit: number } {
  for (const key of new Set(params.keys())) {
    if (!PULL_PARAMETERS.has(key)) {
      throw badRequest(
        `Unknown pull parameter "${key.slice(0, 32)}": a checkpoint is ?stamp=<n>&id=<id> from this hub (not RxDB's {id, lwt})`,
      );
    }
    if (params.getAll(key).length > 1) throw badRequest(`Pull parameter "${key}" is given twice`);
  }
  return { checkpoint: checkpointOf(params), limit: limitOf(params) };
}

function checkpointOf(params: URLSearchParams): Checkpoint | null {
  const stamp = params.get('stamp');
  const id = params.get('id');
  if (stamp === null && id === null) return null;
  if (stamp === null || id === null) throw badRequest('A checkpoint needs both stamp and id');
  if (!/^\d{1,15}$/.test(stamp)) throw badRequest('Checkpoint stamp must be a whole number');
  if (id.length > 128) throw badRequest('Checkpoint id is longer than 128 characters');
  return { stamp: Number(stamp), id };
}

function limitOf(params: URLSearchParams): number {
  const limitText = params.get('limit');
  if (limitText === null) return DEFAULT_PULL_LIMIT;
  if (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1) throw badRequest('limit must be a whole number from 1');
  return Math.min(Number(limitText), MAX_PULL_LIMIT);
}
