/**
 * An admin command run where it must run: directly on the database, or — for an embedded database
 * a running hub owns (one process per PGlite folder) — sent through that hub's admin socket and
 * answered on its own connection. The CLI (`main.ts`) and the tests that set up an office use this
 * one path, so what a test makes is made as an administrator's command makes it.
 */
import { runAdminRequest } from './admin';
import { DataDirBusy, sendAdminRequest, type AdminReply, type AdminRequest } from './data-dir';
import { openHubDatabase } from './hub';
import type { DatabaseChoice } from './options';
import type { Logger } from '../station/log';

/** How long a command waits for a hub that is busy starting or migrating: 40 × 0.5 s. */
const BUSY_ATTEMPTS = 40;
const BUSY_PAUSE_MS = 500;

export async function runOnDatabase(choice: DatabaseChoice, request: AdminRequest, log: Logger): Promise<AdminReply> {
  for (let attempt = 0; ; attempt++) {
    try {
      const database = await openHubDatabase(choice, log);
      try {
        return await runAdminRequest(database.db, request);
      } finally {
        await database.close();
      }
    } catch (error) {
      if (!(error instanceof DataDirBusy)) throw error;
      const reply = await sendAdminRequest(choice.dataDir, request);
      if (reply && !reply.ok && reply.error.error === 'busy' && attempt < BUSY_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, BUSY_PAUSE_MS));
        continue;
      }
      if (reply) return reply;
      // The hub stopped between the two steps: open the folder ourselves.
      if (attempt >= BUSY_ATTEMPTS) throw error;
    }
  }
}
