/** Types of cluster.js (plain JS so that bench/ can use it without a build). */
export declare const ENABLE_HINT: string;
export declare function findPgBin(env?: NodeJS.ProcessEnv): string | undefined;
export interface Cluster {
  url: string;
  port: number;
  dir: string;
  password: string;
  stop(): void;
  /** pg_ctl stop -m fast (sessions terminated), data kept. */
  halt(): Promise<void>;
  /** Start again after halt(), on the same port. */
  resume(): Promise<void>;
}
export declare function startCluster(opts?: { bin?: string; durable?: boolean; tls?: { cert: string; key: string } }): Promise<Cluster>;
