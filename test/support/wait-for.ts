/**
 * Polls until `condition` holds. For what becomes true in the background (a subscriber catching up past the
 * cluster-wide visibility horizon, a projection activating); fails after `timeoutMs` rather than hanging the suite.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
