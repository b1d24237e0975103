/**
 * The Beast binary format (Mode-S Beast, as dump1090/readsb send on port 30005), stated once for its
 * reader (beast.ts), format detection (detect-format.ts) and the simulator's writer (sim/write.ts):
 *
 *   0x1a  type  timestamp(6)  signal(1)  message(n)
 *   type '1' (0x31) Mode A/C, n = 2      type '2' (0x32) Mode S short, n = 7
 *   type '3' (0x33) Mode S long, n = 14  '4' status, '5', '6', 0xe3 receiver id, 0xe4: other blocks
 *   timestamp: the 48-bit big-endian 12 MHz counter (receiver-clock.ts); signal: 0-255 (RSSI byte)
 *   After the type byte every 0x1a is sent twice (0x1a 0x1a); a single 0x1a followed by another
 *   byte starts a new frame.
 */

export const BEAST_ESC = 0x1a;
export const BEAST_MODE_AC = 0x31;
export const BEAST_MODE_S_SHORT = 0x32;
export const BEAST_MODE_S_LONG = 0x33;
/** Blocks that are not Mode S frames (status, receiver id): a reader skips them. */
export const BEAST_OTHER_TYPES: readonly number[] = [0x34, 0x35, 0x36, 0xe3, 0xe4];
/** Every type byte a Beast stream may carry. */
export const BEAST_TYPES: readonly number[] = [BEAST_MODE_AC, BEAST_MODE_S_SHORT, BEAST_MODE_S_LONG, ...BEAST_OTHER_TYPES];
/** Bytes between the type and the message: timestamp and signal. */
export const BEAST_HEADER = 7;
/** The counter's bytes at the start of the header; the signal byte follows. */
export const BEAST_TIMESTAMP_BYTES = 6;
