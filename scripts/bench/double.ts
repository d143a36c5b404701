// The Polar API double in a process of its own (its CLI), and what the bench reads back from it.

import { spawn, type ChildProcess } from 'child_process';
import { join } from 'path';

import type { RateLimit, RecordedRequest, RecordedViolation } from '../../dev/polar-double';
import type { CustomerSession } from '../../dev/polar-double/types';

const CLI = join(__dirname, '..', '..', 'dev', 'polar-double', 'cli.js');
const READY = /^Polar API double listening on (\S+)$/m;

export interface DoubleSettings {
	latencyMs: number;
	rateLimit?: RateLimit;
	/** Share of create requests that fail, before or after Polar acts (seeded). */
	faults?: { rate: number; seed: number };
	/** Customers besides the seeded ones, for lists of many pages. */
	extraCustomers?: number;
	/** The default token's scopes, when not the double's default. */
	tokenScopes?: string[];
	/** 'allow-loopback' where n8n's webhook URL is on loopback: Polar itself would refuse it. */
	webhookUrls?: 'polar' | 'allow-loopback';
}

export class DoubleProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {}

	static async start(settings: DoubleSettings): Promise<DoubleProcess> {
		const args = [CLI, '--latency-ms', String(settings.latencyMs)];
		if (settings.rateLimit) {
			const { limit, windowMs, kind = 'sliding' } = settings.rateLimit;
			args.push('--rate-limit', `${limit}/${windowMs}/${kind}`);
		}
		if (settings.extraCustomers)
			args.push('--extra-customers', String(settings.extraCustomers));
		if (settings.tokenScopes) args.push('--token-scopes', settings.tokenScopes.join(','));
		if (settings.faults) args.push('--faults', `${settings.faults.rate}/${settings.faults.seed}`);
		if (settings.webhookUrls) args.push('--webhook-urls', settings.webhookUrls);
		const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		const url = await new Promise<string>((resolve, reject) => {
			let output = '';
			const timer = setTimeout(() => fail(new Error('the double did not start in 10 s')), 10_000);
			const fail = (error: Error) => {
				clearTimeout(timer);
				child.kill();
				reject(error);
			};
			child.stdout!.on('data', (chunk: Buffer) => {
				output += chunk.toString('utf8');
				const match = READY.exec(output);
				if (match) {
					clearTimeout(timer);
					resolve(match[1]);
				}
			});
			child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
			child.once('exit', (code) => fail(new Error(`the double exited (${code}): ${output}`)));
		});
		return new DoubleProcess(child, url);
	}

	private async get<T>(what: string): Promise<T> {
		const response = await fetch(`${this.url}/__double/${what}`);
		if (!response.ok) throw new Error(`GET /__double/${what}: ${response.status}`);
		return (await response.json()) as T;
	}

	requests(): Promise<RecordedRequest[]> {
		return this.get('requests');
	}

	sessions(): Promise<CustomerSession[]> {
		return this.get('sessions');
	}

	violations(): Promise<RecordedViolation[]> {
		return this.get('violations');
	}

	async reset(): Promise<void> {
		await fetch(`${this.url}/__double/reset`, { method: 'POST' });
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		this.child.kill('SIGTERM');
		await exited;
	}
}
