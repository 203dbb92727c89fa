import { describe, expect, it } from 'vitest';
import { HubError } from '../../../../../renderer/db/sync/hub-client';
import { SyncStatusBoard } from '../../../../../renderer/db/sync/status';

describe('the sync status of a window', () => {
  const board = () =>
    new SyncStatusBoard(
      () => 3,
      () => 1000,
    );

  it('tells a workstation the hub does not know apart from a change it may not make', () => {
    const unknown = board();
    expect(unknown.refused(new HubError('unauthorized', 401, 'unknown token', 'unknown-token'))).toBe(true);
    expect(unknown.value).toMatchObject({ connection: 'unauthorized', message: 'unknown token', pending: 3 });
    for (const code of ['forbidden-change', 'forbidden-role', 'forbidden-kind', 'sign-in-required']) {
      const refused = board();
      expect(refused.refused(new HubError('unauthorized', 403, 'no', code))).toBe(true);
      expect(refused.value.connection, code).toBe('forbidden');
    }
  });

  it('leaves other failures to the retries', () => {
    const status = board();
    expect(status.refused(new HubError('server', 503, 'busy'))).toBe(false);
    expect(status.refused(new Error('network'))).toBe(false);
    expect(status.value.connection).toBe('connecting');
  });
});
