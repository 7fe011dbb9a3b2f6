// vitest globalSetup of the "pg" project: one throwaway PostgreSQL cluster per test run, shared by
// every test file through inject('pgUrl'); each file makes its own database (see db.ts).
import type { TestProject } from 'vitest/node';
import { ENABLE_HINT, findPgBin, startCluster, type Cluster } from './cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test cluster; '' when PostgreSQL is not available (tests skip). */
    pgUrl: string;
  }
}

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const existing = process.env.WA_OPS_TEST_PG_URL;
  if (existing) {
    project.provide('pgUrl', existing);
    return;
  }
  const bin = findPgBin();
  if (!bin) {
    if (process.env.WA_OPS_TEST_PG_REQUIRED) throw new Error(`PostgreSQL tests are required here (WA_OPS_TEST_PG_REQUIRED) but ${ENABLE_HINT}`);
    process.stderr.write(`PostgreSQL tests skipped: ${ENABLE_HINT}\n`);
    project.provide('pgUrl', '');
    return;
  }
  cluster = await startCluster({ bin });
  project.provide('pgUrl', cluster.url);
}

export function teardown(): void {
  cluster?.stop();
  cluster = undefined;
}
