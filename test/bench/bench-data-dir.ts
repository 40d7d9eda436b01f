import * as fs from 'node:fs';
import type { RunningPostgres } from '../../src/platform/database/embedded-postgres';

/**
 * Removes a bench's temporary DATA_DIR and the embedded cluster it created (placed outside
 * DATA_DIR when the server user cannot reach it, with its `.owner` note); BENCH_KEEP=1 keeps them.
 */
export function removeBenchDataDir(dataDir: string, embedded: Pick<RunningPostgres, 'clusterDir'> | undefined): void {
  if (process.env.BENCH_KEEP === '1') return;
  const cluster = embedded?.clusterDir;
  if (cluster && !cluster.startsWith(dataDir)) {
    fs.rmSync(cluster, { recursive: true, force: true });
    fs.rmSync(`${cluster}.owner`, { force: true });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
