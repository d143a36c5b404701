const { src, dest, task } = require('gulp');

// tsc emits only JavaScript; n8n loads each node's icons and codex file from beside it in dist/.
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'nodes/**/*.node.json'], {
		base: '.',
	}).pipe(dest('dist'));
}

task('build:icons', buildIcons);
