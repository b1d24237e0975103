/**
 * Values spliced into ClickHouse SQL. ClickHouse 18.16 has no query parameters, so every value a
 * query carries goes through one of these; rows themselves travel as JSONEachRow, never as SQL.
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A ClickHouse string literal: backslash escapes for the quote, the backslash and control characters; UTF-8 as is. */
export function sqlString(s: string): string {
  return `'${s.replace(/[\\'\0\n\r\t\b\f]/g, (c) => ESCAPES[c])}'`;
}

/** A finite number as a literal (NaN or Infinity in a query is a bug upstream, not a value). */
export function sqlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(n);
}

/** A list of string literals for IN (…); callers answer an empty list without a query. */
export function sqlStrings(values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('an empty IN list');
  return `(${values.map(sqlString).join(', ')})`;
}

/** Database and cluster names go into DDL unquoted: only plain identifiers are accepted. */
export function checkIdentifier(name: string, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new RangeError(`${what} '${name}' must be letters, digits and underscores, not starting with a digit`);
  return name;
}
