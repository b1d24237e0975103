/** An AbortSignal for long-running commands. */

/** An AbortSignal that fires on the first SIGINT or SIGTERM. */
export function signalOnExit(): AbortSignal {
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return ac.signal;
}
