import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/host/server';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  resolveAppPath,
} from '../../../../electron/shell/app-protocol';
import { appPageUrl } from '../../../../electron/shell/identity';

const root = path.resolve('/srv/okienko/out/renderer');

describe('app:// path resolution', () => {
  it('maps our URLs into the renderer folder', () => {
    expect(resolveAppPath(root, 'app://okienko/index.html')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
      spaFallback: false,
    });
    expect(resolveAppPath(root, 'app://okienko/')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
      spaFallback: true,
    });
    expect(resolveAppPath(root, 'app://okienko/assets/index-abc.js?v=1#x')).toMatchObject({
      ok: true,
      file: path.join(root, 'assets/index-abc.js'),
    });
    expect(resolveAppPath(root, 'app://okienko/counter/3')).toMatchObject({ ok: true, spaFallback: true });
  });

  it.each([
    'app://okienko/..%2f..%2f..%2fetc/passwd',
    'app://okienko/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://okienko/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://okienko/..%5c..%5csecret.txt',
    'app://okienko/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  ])('keeps %s inside the renderer folder or refuses it', (url) => {
    const resolved = resolveAppPath(root, url);
    if (resolved.ok) expect(resolved.file.startsWith(root + path.sep)).toBe(true);
    else expect(resolved.status).toBe(403);
  });

  it('refuses an encoded way out with 403', () => {
    expect(resolveAppPath(root, 'app://okienko/..%2f..%2fetc/passwd')).toEqual({ ok: false, status: 403 });
  });

  it('refuses other hosts, other schemes, NUL bytes and broken escapes', () => {
    expect(resolveAppPath(root, 'app://evil/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'file:///etc/passwd')).toEqual({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'app://okienko/index.html%00.js')).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'app://okienko/%E0%A4%A')).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'not a url')).toEqual({ ok: false, status: 400 });
  });

  it('registers app:// as a standard, secure scheme that fetch can use', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });
});

describe('app:// handler', () => {
  let dir: string;
  let outside: string;
  let handle: ReturnType<typeof createAppProtocolHandler>;

  beforeAll(async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'okienko-app-'));
    dir = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    await mkdir(path.join(dir, 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Okienko</title>');
    await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(outside, 'PESEL 44051401359');
    handle = createAppProtocolHandler(dir);
  });
  afterAll(async () => {
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => handle({ url, method });

  it('serves files with their type and the strict CSP', async () => {
    const response = await get('app://okienko/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root and for extensionless paths', async () => {
    for (const url of ['app://okienko/', 'app://okienko/counter/2', appPageUrl('#/kiosk')]) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Okienko</title>');
    }
  });

  it('never reads outside the folder, and sends the CSP on refusals too', async () => {
    const response = await get('app://okienko/..%2fsecret.txt');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('PESEL');
  });

  it('answers 404 for a missing asset, 405 for other methods, nothing for HEAD bodies', async () => {
    expect((await get('app://okienko/assets/missing.js')).status).toBe(404);
    expect((await get('app://okienko/index.html', 'POST')).status).toBe(405);
    const head = await get('app://okienko/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('says the screens are not built when index.html is missing', async () => {
    const empty = createAppProtocolHandler(path.join(dir, 'assets', 'nothing-here'));
    const response = await empty({ url: 'app://okienko/', method: 'GET' });
    expect(response.status).toBe(503);
  });
});
