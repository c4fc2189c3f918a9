/**
 * Whether a suite that needs something the machine may lack (redis-server, a browser) runs. When it
 * cannot, it says so loudly as the file is collected, and under CI fails instead of skipping.
 */
export function canRun(suite: string, available: boolean, missing: string): boolean {
  if (available) return true;
  if (process.env.CI) throw new Error(`${suite} cannot run under CI: ${missing}`);
  console.warn(`⚠ SKIPPED: ${suite}: ${missing}`);
  return false;
}
