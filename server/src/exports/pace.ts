/**
 * Turn-taking for long jobs that share the event loop (exports of a year of cases): a job works
 * in slices of at most `SLICE_MS`, then waits in one node-wide queue; the queue lets exactly one
 * waiting job run per turn of the event loop, so network I/O (a health check, a sign-in, a
 * socket event) is served between any two slices however many jobs are running.
 *
 * A per-job `await setImmediate()` would not be enough: Node runs every queued immediate in the
 * same check phase, so ten jobs yielding together would still hold the loop for ten slices.
 */

/** Longest stretch of work before a job gives the loop back, in milliseconds. */
export const SLICE_MS = 4;

const waiting: (() => void)[] = [];
let sliceStart = performance.now();
let scheduled = false;

function runNext(): void {
  sliceStart = performance.now();
  const next = waiting.shift();
  // Scheduled from inside this immediate, the next hand-over runs in the following turn of the
  // loop, after its poll phase has served whatever I/O arrived meanwhile.
  scheduled = waiting.length > 0;
  if (scheduled) setImmediate(runNext);
  next?.();
}

/** Has the current slice run out? Cheap: call it once per row. */
export function sliceSpent(): boolean {
  return performance.now() - sliceStart >= SLICE_MS;
}

/** Wait for this job's next turn (behind every job already waiting). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(runNext);
    }
  });
}

/** Give the loop back if the slice has run out; otherwise carry on at once. */
export async function pace(): Promise<void> {
  if (sliceSpent()) await nextTurn();
}
