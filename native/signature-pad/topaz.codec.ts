/**
 * The Topaz serial tablet protocol as pure functions: 5-byte pen reports, decoded from a byte
 * stream that may start mid-packet, arrive in any chunks and carry line noise. Runs anywhere (no
 * Node, no DOM), so the driver, the simulator and the tests share it. The report:
 *
 *   byte 0  1 N 0 T T T 0 D   sync (bit 7), pen near (bit 6), type (bits 4–2), pen down (bit 0)
 *   byte 1  0 x x x x x x x   x bits 6–0
 *   byte 2  0 0 0 x x x x x   x bits 11–7
 *   byte 3  0 y y y y y y y   y bits 6–0
 *   byte 4  0 0 0 y y y y y   y bits 11–7
 *
 * Only byte 0 has bit 7 set, which is what lets a reader find the start of a packet again after
 * garbage or a half packet.
 */

export const TOPAZ_PACKET_LENGTH = 5;
/** Coordinates are 12 bits on the wire. */
export const TOPAZ_MAX_COORDINATE = 0xfff;
/** The type field is 3 bits. */
export const TOPAZ_MAX_TYPE = 7;

const SYNC = 0x80;
const NEAR = 0x40;
const DOWN = 0x01;
const TYPE_SHIFT = 2;
const TYPE_MASK = 0x07;
/** Bits 6–5 of bytes 2 and 4 are above the 12-bit range: set, they mean the packet is damaged. */
const HIGH_OUT_OF_RANGE = 0x60;

/** One pen report as the pad sends it, before the driver gives it a time. */
export interface TopazPacket {
  /** The pen is within the pad's sensing range (hovering or touching). */
  readonly near: boolean;
  /** The pen tip is pressed on the pad. Topaz serial pads report no pressure levels. */
  readonly down: boolean;
  /**
   * The report type (0–7). The pen reports this code is built for are decoded alike whatever
   * the type, as the known open implementations do; it is kept so a model that sends other
   * reports (keypad hot spots on LCD pads) can be told apart later.
   */
  readonly type: number;
  /** 0–4095, in the pad's logical units. */
  readonly x: number;
  /** 0–4095, in the pad's logical units. */
  readonly y: number;
}

/** The five bytes of a pen report; for the simulator and tests. Coordinates are clamped to 0–4095. */
export function encodeTopazPacket(packet: TopazPacket): Uint8Array {
  const x = clampCoordinate(packet.x);
  const y = clampCoordinate(packet.y);
  const type = Math.min(Math.max(Math.trunc(packet.type), 0), TOPAZ_MAX_TYPE);
  return Uint8Array.of(
    SYNC | (packet.near ? NEAR : 0) | (type << TYPE_SHIFT) | (packet.down ? DOWN : 0),
    x & 0x7f,
    (x >> 7) & 0x1f,
    y & 0x7f,
    (y >> 7) & 0x1f,
  );
}

function clampCoordinate(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(Math.max(Math.round(value), 0), TOPAZ_MAX_COORDINATE);
}

/** Decodes five bytes that start with a sync byte; undefined when they cannot be a pen report. */
export function decodeTopazPacket(bytes: ArrayLike<number>): TopazPacket | undefined {
  if (bytes.length !== TOPAZ_PACKET_LENGTH) return undefined;
  const [b0, b1, b2, b3, b4] = [bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0, bytes[4] ?? 0];
  if ((b0 & SYNC) === 0) return undefined;
  if ((b1 | b2 | b3 | b4) & SYNC) return undefined;
  if ((b2 | b4) & HIGH_OUT_OF_RANGE) return undefined;
  return {
    near: (b0 & NEAR) !== 0,
    down: (b0 & DOWN) !== 0,
    type: (b0 >> TYPE_SHIFT) & TYPE_MASK,
    x: ((b2 & 0x1f) << 7) | (b1 & 0x7f),
    y: ((b4 & 0x1f) << 7) | (b3 & 0x7f),
  };
}

/**
 * Splits the pad's byte stream into pen reports. A sync byte always starts a new packet, even in
 * the middle of one (the half packet before it is dropped); data bytes with no packet open are
 * skipped; a complete packet whose high coordinate bits are out of range is dropped. So after any
 * garbage the decoder is back in step at the next sync byte, and it never reports a coordinate
 * outside 0–4095.
 */
export class TopazDecoder {
  readonly #packet = new Uint8Array(TOPAZ_PACKET_LENGTH);
  #length = 0;
  #discarded = 0;

  /** Bytes thrown away so far (noise, torn or damaged packets): a wrong baud rate shows here. */
  get discardedBytes(): number {
    return this.#discarded;
  }

  push(chunk: Uint8Array): TopazPacket[] {
    const packets: TopazPacket[] = [];
    for (const byte of chunk) {
      if (byte & SYNC) {
        this.#discarded += this.#length;
        this.#packet[0] = byte;
        this.#length = 1;
        continue;
      }
      if (this.#length === 0) {
        this.#discarded++;
        continue;
      }
      this.#packet[this.#length++] = byte;
      if (this.#length < TOPAZ_PACKET_LENGTH) continue;
      this.#length = 0;
      const packet = decodeTopazPacket(this.#packet);
      if (packet) packets.push(packet);
      else this.#discarded += TOPAZ_PACKET_LENGTH;
    }
    return packets;
  }

  /** Forget a half-read packet, e.g. after the port was reopened. */
  reset(): void {
    this.#discarded += this.#length;
    this.#length = 0;
  }
}
