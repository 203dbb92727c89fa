// Worker threads start without the test runner's TypeScript loader: register tsx, then load the
// TypeScript entry named in workerData.entry. Each worker is its own JavaScript realm, so each
// simulated workstation gets its own RxDB (and its own quota of open collections).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
