// n8n's queue mode with Redis and Postgres from Debian's packages: see cluster.ts.
export {
	startQueueCluster,
	type QueueCluster,
	type QueueClusterOptions,
	type QueueWorker,
} from './cluster';
export { psql, startPostgres, startRedis, type Postgres, type Service } from './services';
