/**
 * A workstation database for tests: the real schemas and queue code on Dexie over fake-indexeddb,
 * with RxDB's dev-mode checks and schema validation switched on (never shipped: dev-mode is slow).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { createOkienkoDatabase, type OkienkoDatabase } from '../../renderer/db/database';

let devModeAdded = false;
let counter = 0;

export async function createMemoryDatabase(
  options: { devMode?: boolean; factory?: IDBFactory; name?: string; collections?: 'all' | 'queue' } = {},
): Promise<OkienkoDatabase> {
  if (options.devMode !== false && !devModeAdded) {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
  const dexie = getRxStorageDexie({ indexedDB: options.factory ?? new IDBFactory(), IDBKeyRange });
  return createOkienkoDatabase({
    name: options.name ?? `test${++counter}`,
    storage: options.devMode === false ? dexie : wrappedValidateAjvStorage({ storage: dexie }),
    multiInstance: false,
    ...(options.collections ? { collections: options.collections } : {}),
  });
}
