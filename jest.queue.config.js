// Queue-mode suite (npm run test:queue): the packed package on n8n's main process and two
// workers, with Redis and Postgres from Debian's packages. Kept apart from `npm test`.
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	// The same set-up as the end-to-end suite: n8n installed, the package built and packed.
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	maxWorkers: 1,
	testTimeout: 300000,
	verbose: true,
};
