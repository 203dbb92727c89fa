import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMainModule } from '../../../../electron/node/main-module';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-main-'));
  await writeFile((file = path.join(dir, 'main.js')), '');
  await symlink(dir, path.join(dir, 'current'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('isMainModule', () => {
  it('is the started program when Node was given its path', () => {
    expect(isMainModule(pathToFileURL(file).href, file)).toBe(true);
  });

  it('is the started program when Node was given it through a linked folder', () => {
    expect(isMainModule(pathToFileURL(file).href, path.join(dir, 'current', 'main.js'))).toBe(true);
  });

  it('is not when another program imports it, or Node was given no file', () => {
    expect(isMainModule(pathToFileURL(file).href, path.join(dir, 'other.js'))).toBe(false);
    expect(isMainModule(pathToFileURL(file).href, undefined)).toBe(false);
  });
});
