import path from 'node:path';
import { launchChromium, startHost, tempDir } from '/work/main/test/support/processes';
const dir = await tempDir('probe');
const host = await startHost({ dataDir: path.join(dir.path, 'data'), env: { OKIENKO_RENDERER_DIR: '/work/main/out/renderer-bench' } });
const browser = await launchChromium();
const page = await (await browser.newContext()).newPage();
await page.goto(`${host.url}#/${process.argv[2] ?? ''}`);
await page.waitForFunction(() => 'okienkoBench' in window);
const r = await page.evaluate(async () => {
  const { db, queue } = (window as any).okienkoBench;
  const today = await queue.today();
  const docs = [];
  for (let i = 0; i < 10000; i++) {
    const day = new Date(Date.parse(`${today}T12:00:00Z`) - (1 + (i % 20)) * 86_400_000).toISOString().slice(0, 10);
    const at = Date.parse(`${day}T08:00:00Z`) + i * 1000;
    docs.push({ id: `h${i}`, day, service: 'vehicles', number: `A${i}`, seq: i, priority: null, appointment: null, state: 'done', issuedAt: at, queuedAt: at, counter: 1, targetCounter: 0, calledAt: at, recalls: 0, legs: [{ service: 'vehicles', since: at }], events: [{ type: 'issued', at, by: { station: 'b' } }], updatedAt: at });
  }
  for (let i = 0; i < docs.length; i += 1000) await db.tickets.bulkInsert(docs.slice(i, i + 1000));
  for (let i = 0; i < 100; i++) await queue.issue({ service: 'vehicles', priority: null });
  await queue.setCounterMode(1, 'open', 'B');
  const t: Record<string, number[]> = { office: [], counter: [], current: [], waiting: [], modify: [], counterModify: [], total: [] };
  for (let i = 0; i < 60; i++) {
    let s = performance.now();
    const office = await queue.office(); t.office.push(performance.now() - s); s = performance.now();
    const c = await db.counters.findOne('1').exec(); t.counter.push(performance.now() - s); s = performance.now();
    await queue.currentTicket(1, today); t.current.push(performance.now() - s); s = performance.now();
    const w = await db.tickets.find({ selector: { day: today, state: 'waiting', service: { $in: ['vehicles'] } } }).exec(); t.waiting.push(performance.now() - s); s = performance.now();
    s = performance.now();
    const pick = await queue.callNext(1, 'B'); t.total.push(performance.now() - s);
    await queue.act(pick.ticket.id, { type: 'done' }, 1, 'B');
  }
  return t;
});
const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!.toFixed(1) + '/' + a[Math.floor(a.length * 0.95)]!.toFixed(1);
console.log(process.argv[2] ?? 'home', Object.fromEntries(Object.entries(r).filter(([, v]) => v.length).map(([k, v]) => [k, med(v)])));
await browser.close(); await host.stop(); await dir.remove();
