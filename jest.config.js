/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Retry tests wait out real (short) back-offs against the double.
	testTimeout: 20000,
	setupFiles: ['<rootDir>/test/setup-env.ts'],
};
