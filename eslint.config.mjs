import js from '@eslint/js';
import { config as n8nCommunityConfig } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

// The package n8n loads (nodes/, credentials/, package.json) gets n8n's own community-node
// config, unchanged: the rules n8n's scanner applies. Tests and dev scripts are not shipped
// and legitimately use what node code may not (processes, files, timers, the console), so
// they get the plain TypeScript rules instead.
const devOnly = ['dev/**', 'test/**', 'scripts/**'];

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
	...n8nCommunityConfig.map((entry) =>
		// An entry of only `ignores` is global; adding to it would ignore the dev files everywhere.
		Object.keys(entry).some((key) => key !== 'ignores' && key !== 'name')
			? { ...entry, ignores: [...(entry.ignores ?? []), ...devOnly] }
			: entry,
	),
	...tseslint.config({
		files: devOnly.map((dir) => `${dir.replace('/**', '')}/**/*.ts`),
		extends: [js.configs.recommended, tseslint.configs.recommended],
		// Tests poke at loosely typed JSON answers on purpose.
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	}),
];
