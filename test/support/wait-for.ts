/**
 * Polls until `condition` holds. For what becomes true in the background (a subscriber catching up, a projection
 * activating); it fails with `what` after `timeoutMs` rather than hanging the suite.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
