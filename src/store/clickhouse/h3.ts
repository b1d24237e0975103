/**
 * H3 cells as ClickHouse UInt64s. aircraft_minutes keeps only the res-7 cell as a UInt64 and
 * derives its parents in SQL: an H3 index holds its resolution in bits 52-55 and one 3-bit digit
 * per resolution below that, unused digits set to 7, so the parent at res r is the index with the
 * resolution field set to r and the digits below r set to 7: two constant bit masks per r.
 * Cells cross JSON as decimal strings (a UInt64 as a JSON number loses precision) and leave SQL as
 * H3 strings (lower-case hex without the leading zero).
 */
import { sqlNumber } from './sql.ts';

const RES_MASK = 15n << 52n;
const ALL_BITS = (1n << 64n) - 1n;

/** Cells repeat from minute to minute, and BigInt parsing dominates an insert's JS time: remembered, up to a bound. */
const decimals = new Map<string, string>();
const REMEMBERED = 200_000;

/** An H3 index string as the decimal string of its UInt64. */
export function cellToDecimal(cell: string): string {
  let d = decimals.get(cell);
  if (d === undefined) {
    if (decimals.size >= REMEMBERED) decimals.clear();
    d = BigInt(`0x${cell}`).toString();
    decimals.set(cell, d);
  }
  return d;
}

/** SQL for the res-r parent (r ≤ 7) of the res-7 UInt64 column `col`. */
export function parentSql(col: string, res: number): string {
  sqlNumber(res);
  if (res === 7) return col;
  const digitsBelow = (1n << BigInt(3 * (15 - res))) - 1n;
  const keep = ALL_BITS & ~RES_MASK & ~digitsBelow;
  const set = (BigInt(res) << 52n) | digitsBelow;
  return `bitOr(bitAnd(${col}, toUInt64('${keep}')), toUInt64('${set}'))`;
}

/** SQL turning a UInt64 H3 index into its string (hex() gives 16 digits, the first always 0). */
export function cellStringSql(expr: string): string {
  return `substring(lower(hex(${expr})), 2)`;
}
