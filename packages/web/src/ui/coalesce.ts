/**
 * Gathers a burst of calls into one: `fn` runs once, with the last call's arguments, when no call came for `quietMs`
 * — or `maxWaitMs` after the burst's first call, so a steady stream still runs it now and then.
 */
export interface Coalesced<Args extends unknown[]> {
  (...args: Args): void;
  cancel(): void;
}

export function coalesce<Args extends unknown[]>(
  fn: (...args: Args) => void,
  quietMs: number,
  maxWaitMs: number,
): Coalesced<Args> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let burstStart = 0;
  let lastArgs: Args | null = null;
  const flush = () => {
    timer = null;
    const args = lastArgs;
    lastArgs = null;
    if (args) fn(...args);
  };
  const call = (...args: Args) => {
    const now = Date.now();
    if (timer === null) burstStart = now;
    else clearTimeout(timer);
    lastArgs = args;
    timer = setTimeout(flush, Math.max(0, Math.min(quietMs, burstStart + maxWaitMs - now)));
  };
  call.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    lastArgs = null;
  };
  return call;
}
