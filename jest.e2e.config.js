// End-to-end suite (npm run test:e2e): the packed package in a real n8n, run by its CLI.
// Kept apart from `npm test`, which matches only *.test.ts.
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	// One n8n at a time: each file starts its own, and they share the machine.
	maxWorkers: 1,
	// An `n8n execute` takes a few seconds; retry scenarios wait out real Retry-After delays.
	testTimeout: 120000,
	verbose: true,
};
