import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the published package', () => {
	it('ships only the built package, README, LICENSE and package.json', () => {
		const [{ files }] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
			}),
		) as Array<{ files: Array<{ path: string }> }>;
		const paths = files.map((file) => file.path);
		expect(paths).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		expect(
			paths.filter(
				(path) => !/^(dist\/.+\.(js|svg|json)|README\.md|LICENSE|package\.json)$/.test(path),
			),
		).toEqual([]);
	});

	it('has no runtime dependencies, and n8n-workflow only as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('is found by n8n as a community package', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		// Every entry n8n loads from dist/ is compiled from a source file of the same path.
		for (const built of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			expect(built).toMatch(/^dist\/.+\.js$/);
			expect(existsSync(join(root, built.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(
				true,
			);
		}
	});

	it('names the node in its codex as n8n registers it', () => {
		const codex = JSON.parse(readFileSync(join(root, 'nodes/Polar/Polar.node.json'), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.polar`);
	});
});

describe('n8n Cloud eligibility', () => {
	it('is reported eligible by n8n’s own check, `n8n-node cloud-support`', () => {
		// The check accepts only n8n's default community lint config, unwrapped, in strict mode.
		const report = execFileSync(join(root, 'node_modules/.bin/n8n-node'), ['cloud-support'], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
		});
		expect(report).toMatch(/Status: eligible for n8n Cloud verification/);
	}, 60_000);
});
