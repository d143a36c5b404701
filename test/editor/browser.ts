// Headless Chromium for the editor test: Debian's `chromium` package driven by playwright-core,
// with a fresh profile and nothing that talks to the network on its own.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface Browser {
	page: Page;
	/** Console errors, uncaught page errors and failed requests that concern the package. */
	packageErrors: string[];
	close(): Promise<void>;
}

/**
 * n8n asks the npm registry about every community package it shows; this machine cannot reach
 * it (the request fails on the certificate of the network's proxy), which is not the package's fault.
 */
const OFFLINE_LOOKUP = /^https:\/\/registry\.npmjs\.org\//;

/** Whether a console line or a failed URL is about the package (its node, icon, credential). */
function concernsPackage(text: string, url: string): boolean {
	return /polar/i.test(`${text} ${url}`) && !OFFLINE_LOOKUP.test(url);
}

export async function launchBrowser(): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'polar-chromium-'));
	// n8n marks its elements with data-test-id.
	selectors.setTestIdAttribute('data-test-id');
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: FLAGS,
			viewport: { width: 1280, height: 800 },
			deviceScaleFactor: 1,
		});
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	const packageErrors: string[] = [];
	page.on('console', (message) => {
		const { url } = message.location();
		if (message.type() === 'error' && concernsPackage(message.text(), url)) {
			packageErrors.push(`console: ${message.text()} (${url})`);
		}
	});
	page.on('pageerror', (error) => {
		if (concernsPackage(`${error.message} ${error.stack ?? ''}`, '')) {
			packageErrors.push(`page error: ${error.message}`);
		}
	});
	page.on('response', (response) => {
		if (response.status() >= 400 && concernsPackage('', response.url())) {
			packageErrors.push(`HTTP ${response.status()}: ${response.url()}`);
		}
	});
	return {
		page,
		packageErrors,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
