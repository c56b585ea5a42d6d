/** How often a condition is looked at again. */
const POLL_MS = 10;

/**
 * Resolves once `condition` holds, with how long that took (ms); fails naming `what` once `withinMs` has passed.
 * For a state only a query can tell: the tests' one loop that looks again until it holds, never a fixed wait.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, withinMs = 5_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > withinMs) throw new Error(`waited ${withinMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return Date.now() - started;
}
