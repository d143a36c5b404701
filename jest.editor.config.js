// The browser test (npm run test:editor): Debian's chromium, headless, in `npm start`'s editor.
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/editor'],
	testMatch: ['**/*.browser.ts'],
	// The steps share one page, in order: a user's session.
	maxWorkers: 1,
	testTimeout: 60000,
	verbose: true,
};
