import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Tests, the development libraries and the scripts (test/, dev/, scripts/) are never shipped and
// legitimately use what node code may not: processes, files, timers, the console. They get
// the plain TypeScript rules; the package keeps n8n's unmodified config in ../eslint.config.mjs.
// `npm run lint` passes this file with --config, so its patterns are relative to the project root.
export default tseslint.config({
	files: ['dev/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
	extends: [js.configs.recommended, tseslint.configs.recommended],
	// Tests poke at loosely typed JSON answers on purpose.
	rules: { '@typescript-eslint/no-explicit-any': 'off' },
});
