/** A received Mode S frame (README "Architecture", records). */
export interface Frame {
  /** Unix seconds; NaN when unknown. */
  t: number;
  /** 7 or 14 bytes. */
  bytes: Uint8Array;
  /** Signal level as the source reports it (Beast: 0-255 byte), when known. */
  signal?: number;
  /** Which receiver or file heard it, when known. */
  receiver?: string;
}
