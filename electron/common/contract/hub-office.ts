/**
 * The office's whole configuration at the hub (domain/office-config.ts): an admin's set-up screen
 * reads it and imports a file through these routes, in a signed-in admin's session (hub-access.ts
 * ROUTE_ACCESS `office`). An import is checked whole and written in one transaction, or refused
 * with every problem named by its field and nothing changed.
 *
 *   GET  /api/v1/office/configuration   → the file (OfficeConfiguration); 404 `not-set-up` before any
 *   POST /api/v1/office/import          {the file} → ConfigurationImported;
 *                                        422 ConfigurationRefused when the file fails its check
 */
import { z } from 'zod';
import { CONFIG_PROBLEM_CODES } from '../domain/office-config';

export const OFFICE_CONFIGURATION_PATH = '/office/configuration';
export const OFFICE_IMPORT_PATH = '/office/import';

export const ConfigurationImportedSchema = z.strictObject({
  /** How many documents the import wrote (the office, its services and counters, those retired). */
  written: z.number().int().min(0),
});
export type ConfigurationImported = z.infer<typeof ConfigurationImportedSchema>;

export const ConfigurationRefusedSchema = z.object({
  error: z.literal('bad-configuration'),
  message: z.string(),
  problems: z.array(
    z.object({
      code: z.enum(CONFIG_PROBLEM_CODES),
      path: z.array(z.union([z.string(), z.number()])),
      detail: z.string().optional(),
    }),
  ),
});
export type ConfigurationRefused = z.infer<typeof ConfigurationRefusedSchema>;
