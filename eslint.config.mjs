import { config } from '@n8n/node-cli/eslint';

// n8n's own community-node config, unchanged, applies to the package (nodes/, credentials/,
// package.json). Tests and dev scripts run in Node, not inside n8n, so the rules about what
// node code may touch at run time (process, timers, console, imports) do not apply there.
export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', '*.js'] },
	...config,
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'no-console': 'off',
		},
	},
];
