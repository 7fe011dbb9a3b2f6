// vitest globalSetup of the "pg" project: one throwaway PostgreSQL cluster per test run, shared by
// every test file through inject('pgUrl'); each file makes its own database (see db.ts).
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { fixtures } from '../helpers.js';
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
  // TLS on too (the test certificate for localhost and 127.0.0.1), for the sslmode tests.
  const tls = { cert: join(fixtures, 'tls', 'self-signed.crt'), key: join(fixtures, 'tls', 'self-signed.key') };
  cluster = await startCluster({ bin, tls });
  project.provide('pgUrl', cluster.url);
}

export function teardown(): void {
  cluster?.stop();
  cluster = undefined;
}
