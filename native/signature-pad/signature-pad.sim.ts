/**
 * A Topaz signature pad on the device side of a BytePort, for tests and `npm run sim`. It writes
 * what a person signing would make the pad send: the pen coming near, strokes of smooth
 * handwriting at the pad's report rate with pen-down and lift, hovering between strokes, the pen
 * leaving. `signDrop` stops in the middle of a stroke, as a pulled cable or a hung pad would.
 */
import type { BytePort } from '../port/byte-port';
import { encodeTopazPacket, type TopazPacket } from './topaz.codec';

export interface SignaturePadSimulatorOptions {
  /** Reports per second. */
  readonly rate?: number;
  /** Pen speed along the strokes, in pad units per second at its fastest. */
  readonly speed?: number;
}

/** One report and when to send it, in milliseconds after the signature starts. */
export interface PlannedReport {
  readonly at: number;
  readonly packet: TopazPacket;
}

export interface SignOutcome {
  /** Strokes the pen drew (pen-down runs), whole or not. */
  readonly strokes: number;
  /** Pen-down reports sent. */
  readonly samples: number;
  /** All reports sent, hover included. */
  readonly packets: number;
  /** False when it stopped early: `signDrop`, an unplug, or `stop()`. */
  readonly completed: boolean;
}

type Point = readonly [number, number];

/**
 * "Jan Kowalski", cursive, as spline control points in a box 10 wide and 3 high (y downwards,
 * baseline at 2): J; "an"; the stem of K; the arms of K running on into "owalski"; the dot of the
 * i; a flourish under the name.
 */
const NAME_STROKES: readonly (readonly Point[])[] = [
  [
    [0.8, 0.45],
    [1.6, 0.3],
    [1.3, 0.45],
    [1.3, 1.2],
    [1.25, 2.0],
    [1.0, 2.6],
    [0.6, 2.7],
    [0.4, 2.4],
    [0.7, 2.0],
  ],
  [
    [1.9, 1.5],
    [1.7, 1.3],
    [1.5, 1.6],
    [1.6, 2.0],
    [1.9, 1.9],
    [2.0, 1.4],
    [2.0, 2.0],
    [2.2, 2.0],
    [2.3, 1.4],
    [2.35, 2.0],
    [2.4, 1.6],
    [2.7, 1.35],
    [2.9, 1.6],
    [2.9, 2.0],
    [3.1, 1.9],
  ],
  [
    [3.8, 0.3],
    [3.75, 1.2],
    [3.7, 2.0],
  ],
  [
    [4.5, 0.5],
    [3.85, 1.2],
    [4.5, 2.0],
    [4.8, 1.9],
    [5.0, 1.4],
    [4.8, 1.45],
    [4.8, 1.9],
    [5.1, 1.95],
    [5.25, 1.5],
    [5.05, 1.35],
    [5.4, 1.5],
    [5.5, 1.4],
    [5.6, 2.0],
    [5.8, 1.5],
    [6.0, 2.0],
    [6.2, 1.4],
    [6.6, 1.45],
    [6.4, 1.35],
    [6.25, 1.7],
    [6.4, 2.0],
    [6.65, 1.8],
    [6.7, 1.4],
    [6.72, 2.0],
    [6.9, 1.8],
    [7.2, 0.8],
    [7.1, 0.3],
    [6.95, 0.8],
    [7.0, 2.0],
    [7.2, 1.9],
    [7.5, 1.4],
    [7.35, 1.7],
    [7.6, 2.0],
    [7.4, 2.05],
    [7.7, 1.95],
    [7.9, 0.3],
    [7.85, 2.0],
    [8.0, 1.6],
    [8.3, 1.4],
    [8.05, 1.7],
    [8.35, 2.0],
    [8.6, 1.4],
    [8.6, 1.95],
    [8.8, 1.9],
  ],
  [
    [8.62, 1.0],
    [8.64, 1.03],
  ],
  [
    [1.0, 2.9],
    [4.0, 2.75],
    [7.0, 2.8],
    [9.2, 2.6],
  ],
];

/** Where the box lands on the pad: a band across the middle of the 4096 × 4096 area. */
const toPad = ([x, y]: Point): Point => [250 + x * 360, 1400 + y * 430];

/** Catmull–Rom through the control points, as a dense polyline. */
function spline(points: readonly Point[], steps = 16): Point[] {
  if (points.length < 2) return [...points];
  const at = (i: number): Point => points[Math.min(Math.max(i, 0), points.length - 1)] as Point;
  const line: Point[] = [at(0)];
  for (let i = 0; i < points.length - 1; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    for (let step = 1; step <= steps; step++) {
      const t = step / steps;
      const t2 = t * t;
      const t3 = t2 * t;
      const axis = (k: 0 | 1): number =>
        0.5 *
        (2 * p1[k] +
          (-p0[k] + p2[k]) * t +
          (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2 +
          (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3);
      line.push([axis(0), axis(1)]);
    }
  }
  return line;
}

/** The point at arc length `s` along a polyline with cumulative lengths `lengths`. */
function pointAt(line: readonly Point[], lengths: readonly number[], s: number): Point {
  let i = 1;
  while (i < line.length - 1 && (lengths[i] ?? 0) < s) i++;
  const a = line[i - 1] as Point;
  const b = line[i] as Point;
  const la = lengths[i - 1] ?? 0;
  const lb = lengths[i] ?? la;
  const f = lb > la ? Math.min(Math.max((s - la) / (lb - la), 0), 1) : 0;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/**
 * The reports of one signature, timed at the report rate. Along a stroke the pen speeds up and
 * slows down smoothly (a minimum-jerk-like sine profile), as a hand does; between strokes it
 * hovers over to the next start.
 */
export function planSignature(options: SignaturePadSimulatorOptions = {}): PlannedReport[] {
  const rate = options.rate ?? 120;
  const speed = options.speed ?? 9000;
  const period = 1000 / rate;
  const reports: PlannedReport[] = [];
  let tick = 0;
  const emit = (x: number, y: number, near: boolean, down: boolean): void => {
    reports.push({
      at: Math.round(tick * period * 100) / 100,
      packet: { near, down, type: 0, x: Math.round(x), y: Math.round(y) },
    });
    tick++;
  };
  const hover = (from: Point, to: Point, count: number): void => {
    for (let i = 1; i <= count; i++) {
      const f = i / count;
      // A little above the line it travels on, the way a hand lifts between letters.
      emit(from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f - Math.sin(Math.PI * f) * 60, true, false);
    }
  };

  let previous: Point | undefined;
  for (const controls of NAME_STROKES) {
    const line = spline(controls.map(toPad));
    const lengths = [0];
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1] as Point;
      const b = line[i] as Point;
      lengths.push((lengths[i - 1] ?? 0) + Math.hypot(b[0] - a[0], b[1] - a[1]));
    }
    const total = lengths[lengths.length - 1] ?? 0;
    const start = line[0] as Point;
    const end = line[line.length - 1] as Point;

    // The pen comes near (first stroke) or hovers over from the last stroke's end.
    if (previous)
      hover(
        previous,
        start,
        Math.max(6, Math.round((Math.hypot(start[0] - previous[0], start[1] - previous[1]) / (speed * 1.5)) * rate)),
      );
    else hover([start[0] - 200, start[1] - 300], start, 8);

    // Peak speed is `speed`; the sine profile averages half of it.
    const count = Math.max(6, Math.ceil((total / (speed / 2)) * rate));
    for (let i = 0; i < count; i++) {
      const f = i / (count - 1);
      const s = total * (f - Math.sin(2 * Math.PI * f) / (2 * Math.PI));
      const [x, y] = pointAt(line, lengths, s);
      emit(x, y, true, true);
    }
    emit(end[0], end[1] - 20, true, false);
    previous = end;
  }
  // The hand moves away: a few reports while still near, then one out of range.
  if (previous) {
    hover(previous, [previous[0] + 250, previous[1] - 350], 6);
    emit(previous[0] + 300, previous[1] - 400, false, false);
  }
  return reports;
}

/** How many pen-down runs and pen-down reports a list of reports holds. */
export function countInk(reports: readonly PlannedReport[]): { strokes: number; samples: number } {
  let strokes = 0;
  let samples = 0;
  let down = false;
  for (const { packet } of reports) {
    if (packet.down) {
      samples++;
      if (!down) strokes++;
    }
    down = packet.down;
  }
  return { strokes, samples };
}

interface Drawing {
  readonly reports: readonly PlannedReport[];
  readonly startedAt: number;
  next: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly finish: (completed: boolean) => void;
}

export class SignaturePadSimulator {
  readonly #port: BytePort;
  readonly #options: SignaturePadSimulatorOptions;
  readonly #unsubscribe: () => void;
  #drawing: Drawing | undefined;

  constructor(port: BytePort, options: SignaturePadSimulatorOptions = {}) {
    this.#port = port;
    this.#options = options;
    // A pad going away mid-signature stops drawing, like the hand of a visitor whose pad went dark.
    this.#unsubscribe = port.onClose(() => this.stop());
  }

  get signing(): boolean {
    return this.#drawing !== undefined;
  }

  /** Draws a whole signature in real time; resolves when the pen has left the pad. */
  sign(): Promise<SignOutcome> {
    return this.#draw(planSignature(this.#options));
  }

  /**
   * Starts the same signature and goes silent in the middle of the second stroke, pen down: no
   * lift, no more reports. Resolves when the last report went out.
   */
  signDrop(): Promise<SignOutcome> {
    const plan = planSignature(this.#options);
    const downs = plan.map((report, index) => ({ report, index })).filter(({ report }) => report.packet.down);
    // Halfway through the second stroke: the index of the pen-down reports of stroke 2.
    let strokes = 0;
    let previousDown = false;
    const secondStroke: number[] = [];
    plan.forEach((report, index) => {
      if (report.packet.down && !previousDown) strokes++;
      if (report.packet.down && strokes === 2) secondStroke.push(index);
      previousDown = report.packet.down;
    });
    const cut = secondStroke[Math.floor(secondStroke.length / 2)] ?? downs[0]?.index ?? 0;
    return this.#draw(plan.slice(0, cut + 1), false);
  }

  /** Stops drawing at once (unplug); the signature in progress ends unfinished. */
  stop(): void {
    const drawing = this.#drawing;
    if (!drawing) return;
    if (drawing.timer !== undefined) clearTimeout(drawing.timer);
    drawing.finish(false);
  }

  /** Stops listening and drawing; the port itself belongs to the caller. */
  detach(): void {
    this.stop();
    this.#unsubscribe();
  }

  #draw(reports: readonly PlannedReport[], completes = true): Promise<SignOutcome> {
    if (this.#drawing) return Promise.reject(new Error('The pad is already being signed'));
    return new Promise<SignOutcome>((resolve) => {
      const drawing: Drawing = {
        reports,
        startedAt: Date.now(),
        next: 0,
        timer: undefined,
        finish: (completed) => {
          if (this.#drawing !== drawing) return;
          this.#drawing = undefined;
          const sent = countInk(reports.slice(0, drawing.next));
          resolve({ ...sent, packets: drawing.next, completed: completed && completes });
        },
      };
      this.#drawing = drawing;
      this.#tick(drawing);
    });
  }

  /** Sends every report that is due, then sleeps until the next one: no drift over a signature. */
  #tick(drawing: Drawing): void {
    drawing.timer = undefined;
    if (this.#drawing !== drawing) return;
    const elapsed = Date.now() - drawing.startedAt;
    const due: Uint8Array[] = [];
    while (drawing.next < drawing.reports.length && (drawing.reports[drawing.next]?.at ?? 0) <= elapsed) {
      const report = drawing.reports[drawing.next++];
      if (report) due.push(encodeTopazPacket(report.packet));
    }
    if (due.length > 0) {
      const bytes = new Uint8Array(due.length * 5);
      due.forEach((packet, index) => bytes.set(packet, index * 5));
      // The application end may be closed at any time; a report nobody reads is not an error.
      this.#port.write(bytes).catch(() => undefined);
    }
    const next = drawing.reports[drawing.next];
    if (!next) {
      drawing.finish(true);
      return;
    }
    drawing.timer = setTimeout(() => this.#tick(drawing), Math.max(0, next.at - (Date.now() - drawing.startedAt)));
  }
}
