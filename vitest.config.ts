import { defineConfig } from 'vitest/config';

// One runner for every kind of test. The unit tests run first, on every core. Integration and e2e
// tests start real processes (socat, device simulators, hubs, the browser host, Chromium) and spend
// most of their time waiting on them, so they run after, together, two files at a time — one
// pool for both kinds (`groupOrder` 1), which on a two-core machine nearly halves the suite's time
// against one file at a time. Each file owns its ports (0), folders and databases, so any two may
// run side by side; timeouts are long enough for a loaded machine. Last, alone: the sync scenarios
// (twenty simulated workstations in worker threads against a hub use both cores by themselves).
const TWO_AT_A_TIME = { fileParallelism: true, maxWorkers: 2, sequence: { groupOrder: 1 } } as const;
const SYNC = 'test/integration/sync/**/*.test.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: [SYNC],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          ...TWO_AT_A_TIME,
        },
      },
      {
        test: {
          name: 'sync',
          include: [SYNC],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          ...TWO_AT_A_TIME,
        },
      },
    ],
  },
});
