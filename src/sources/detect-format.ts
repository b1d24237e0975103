/**
 * Input format from the first bytes of a file or stream (64 KiB is plenty).
 *
 *   beast         0x1a followed by a frame type (beast-format.ts), at the start or repeatedly
 *   avr           text lines starting with * : @ % <
 *   csv           `number,hex` lines, optionally after a header
 *   hex           lines of 14 or 28 hex digits
 *   aircraft-json `{ ... "aircraft": [`        trace   `{ ... "trace": [`  (also a tar: see read-input)
 *   json-stream   one JSON object per line
 * gzip (1f 8b) is looked inside; a tar archive (ustar magic) is taken as a day of traces.
 */
import { constants, gunzipSync } from 'node:zlib';
import { BEAST_ESC, BEAST_TYPES } from './beast-format.ts';
import type { Format } from './frame-sink.ts';

const BEAST_TYPE_SET = new Set(BEAST_TYPES);
const LINES_CHECKED = 20;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export function isTar(head: Uint8Array): boolean {
  return head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar';
}

/** Decompress as much of a gzip head as is there (a truncated stream is fine). */
function gunzipHead(head: Uint8Array): Uint8Array {
  try {
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}

export function detectFormat(head: Uint8Array): Format | null {
  if (isGzip(head)) return detectFormat(gunzipHead(head));
  if (isTar(head)) return 'trace';
  if (looksBeast(head)) return 'beast';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{') || body.startsWith('[')) return detectJson(body);
  return detectLines(body);
}

function looksBeast(head: Uint8Array): boolean {
  if (head.length >= 2 && head[0] === BEAST_ESC && BEAST_TYPE_SET.has(head[1])) return true;
  // A capture may start mid-frame: ask for several frame starts and binary content.
  let starts = 0;
  let binary = 0;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === BEAST_ESC && i + 1 < n && BEAST_TYPE_SET.has(head[i + 1])) starts++;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) binary++;
  }
  return starts >= 3 && binary > 0;
}

function detectJson(body: string): Format | null {
  if (/"aircraft"\s*:\s*\[/.test(body)) return 'aircraft-json';
  if (/"trace"\s*:\s*\[/.test(body)) return 'trace';
  const first = body.split('\n', 1)[0].trim().replace(/,$/, '');
  try {
    const obj: unknown = JSON.parse(first);
    return typeof obj === 'object' && obj !== null && !Array.isArray(obj) ? 'json-stream' : null;
  } catch {
    return null;
  }
}

const AVR = /^[*:@%<][0-9a-fA-F]+;?$/;
const HEX = /^\*?([0-9a-fA-F]{14}|[0-9a-fA-F]{28});?$/;
const CSV = /^"?[+-]?\d+(\.\d+)?([eE][+-]?\d+)?"?\s*,\s*"?([0-9a-fA-F]{14}|[0-9a-fA-F]{28})"?(,|$)/;
const CSV_HEADER = /^[A-Za-z_" ]+(,[A-Za-z_" ]*)+$/;

function detectLines(body: string): Format | null {
  const lines = body.split('\n');
  // The last line of a head may be cut short; drop it when there are others.
  if (lines.length > 1) lines.pop();
  const checked = lines.map((l) => l.trim()).filter((l) => l !== '').slice(0, LINES_CHECKED);
  if (checked.length === 0) return null;
  const all = (re: RegExp, from = 0) => checked.length > from && checked.slice(from).every((l) => re.test(l));
  if (all(HEX) && !checked.every((l) => l.startsWith('*') && l.endsWith(';'))) return 'hex';
  if (all(AVR)) return 'avr';
  if (all(CSV) || (CSV_HEADER.test(checked[0]) && all(CSV, 1))) return 'csv';
  return null;
}
