import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, serverUrl } from '../../../../electron/node/listen';

const servers: http.Server[] = [];
const server = () => {
  const created = http.createServer();
  servers.push(created);
  return created;
};

afterEach(async () => {
  await Promise.all(
    servers
      .splice(0)
      .map((open) => new Promise<void>((resolve) => (open.listening ? open.close(() => resolve()) : resolve()))),
  );
});

describe('listen', () => {
  it('takes a free port for 0 and leaves no error listener behind', async () => {
    const running = server();
    const listening = await listen(running, 0, '127.0.0.1');
    expect(listening.port).toBeGreaterThan(0);
    expect(listening.url).toBe(`http://127.0.0.1:${listening.port}/`);
    expect(running.listenerCount('error')).toBe(0);
  });

  it('rejects when the port is taken', async () => {
    const { port } = await listen(server(), 0, '127.0.0.1');
    const second = server();
    await expect(listen(second, port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(second.listenerCount('error')).toBe(0);
  });

  it('shows a wildcard address as localhost and an IPv6 one in brackets', () => {
    expect(serverUrl('0.0.0.0', 8080)).toBe('http://localhost:8080/');
    expect(serverUrl('::', 8080)).toBe('http://localhost:8080/');
    expect(serverUrl('::1', 8090)).toBe('http://[::1]:8090/');
    expect(serverUrl('10.0.0.5', 8090)).toBe('http://10.0.0.5:8090/');
  });
});
