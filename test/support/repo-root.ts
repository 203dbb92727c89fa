import { fileURLToPath } from 'node:url';

/** The repository's root folder, wherever a test file sits in the tree. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
