/**
 * Whole JSON documents (a trace_full file, an aircraft.json snapshot), plain or gzip, to fixes.
 * Used for single files and for each file of a folder or tar of a day.
 */
import { gunzipSync } from 'node:zlib';
import { addError, type FixSink, type FixSourceOptions, type SourceErrors } from './frame-sink.ts';
import { isGzip } from './detect-format.ts';
import { snapshotToFixes, type ReadsbSnapshot } from './readsb-json.ts';
import { isTraceFile, traceToFixes } from './trace.ts';

/** Parse one document and emit its fixes; problems are counted in `errors` under the document's name. */
export function jsonDocumentToFixes(bytes: Uint8Array, name: string, sink: FixSink, errors: SourceErrors, opts: FixSourceOptions = {}): number {
  let doc: unknown;
  try {
    const text = new TextDecoder().decode(isGzip(bytes) ? gunzipSync(bytes) : bytes);
    doc = JSON.parse(text);
  } catch (e) {
    addError(errors, 'bad_json', () => `${name}: not valid JSON or gzip (${(e as Error).message})`);
    return 0;
  }
  if (isTraceFile(doc)) return traceToFixes(doc, sink, errors, { ...opts, name });
  if (typeof doc === 'object' && doc !== null && Array.isArray((doc as ReadsbSnapshot).aircraft)) {
    return snapshotToFixes(doc as ReadsbSnapshot, sink, errors, { ...opts, name });
  }
  addError(errors, 'not_positions', () => `${name}: JSON without "trace" or "aircraft", skipped`);
  return 0;
}
