// `npm run test:editor`: n8n's real editor in headless Chromium, used as a new user would, against
// `npm start`'s stack (n8n with the packed package, the Polar API double). The steps run in order
// on one page. Each writes a screenshot (npm run screenshots refreshes those in docs/), and any
// console error or failed request concerning the package fails the step it happened in.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

type Clip = { x: number; y: number; width: number; height: number };
import { DEMO_OWNER, startEditor, type Editor } from '../../dev/demo/editor';
import { POLAR_NODE } from '../../dev/demo/example';
import { DEFAULT_TOKEN, DEFAULT_TOKEN_SCOPES, SUBSCRIPTION_IDS } from '../../dev/polar-double';
import { freePort, repoRoot } from '../../dev/n8n';
import { resourceList } from '../../nodes/Polar/actions/resources';
import { launchBrowser, type Browser } from './browser';

const SCREENSHOTS =
	process.env.POLAR_SCREENSHOTS_DIR ?? join(repoRoot(), '.cache', 'editor-screenshots');
const ERROR_EXAMPLE = 'examples/failed-items-to-error-output.json';
const REVOKED_TOKEN = `polar_oat_revoked_${randomBytes(12).toString('hex')}`;
// The example's token may only open portal sessions; managing subscriptions takes another.
const SUBSCRIPTIONS_TOKEN = `polar_oat_subscriptions_${randomBytes(12).toString('hex')}`;
const SUBSCRIPTIONS_CREDENTIAL = 'Polar (subscriptions)';

const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-browser-'));
let editor: Editor;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	editor = await startEditor({
		userFolder: join(dir, 'user'),
		port: await freePort(),
		target: { kind: 'double' },
		double: {
			tokens: {
				[DEFAULT_TOKEN]: DEFAULT_TOKEN_SCOPES,
				[SUBSCRIPTIONS_TOKEN]: ['subscriptions:read', 'subscriptions:write'],
			},
		},
	});
	browser = await launchBrowser();
	page = browser.page;
	// Leaving an unsaved workflow asks "leave the page?": yes.
	page.on('dialog', (dialog) => void dialog.accept());
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await editor?.stop();
	rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
	expect(browser.packageErrors.splice(0)).toEqual([]);
});

async function shot(name: string, clip?: Clip): Promise<void> {
	// n8n's toasts ("Workflow executed successfully") would cover part of the picture.
	for (const close of await page.locator('.el-notification__closeBtn:visible').all()) {
		await close.click();
	}
	await page.locator('.el-notification:visible').first().waitFor({ state: 'hidden' });
	await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled', clip });
}

const ndv = () => page.getByTestId('ndv');

/** The node panel's middle column (its parameters, and the lists open over them): a smaller picture. */
async function shotParameters(name: string): Promise<void> {
	const box = async (testId: string) => {
		const found = await page.getByTestId(testId).boundingBox();
		if (!found) throw new Error(`${testId} is not on the page`);
		return found;
	};
	const [panel, input, output] = [
		await box('ndv'),
		await box('ndv-input-panel'),
		await box('output-panel'),
	];
	const left = input.x + input.width;
	await shot(name, { x: left, y: panel.y, width: output.x - left, height: panel.height });
}
const canvasNode = (name: string) => page.getByTestId('canvas-node').filter({ hasText: name });

/**
 * Whether an element shows all of its text. Two pixels of slack: n8n's own "From list" overruns
 * its mode selector by one, which no one can see; a cut-off name overruns by a word.
 */
const fits = (element: Locator) =>
	element.evaluate(
		(el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth <= el.clientWidth + 2,
	);

/** Polls `read` until `ok` holds or `timeoutMs` passes; returns the last value, to assert on. */
async function until<T>(
	read: () => Promise<T>,
	ok: (value: T) => boolean,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!ok(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		value = await read();
	}
	return value;
}

async function openWorkflow(id: string): Promise<void> {
	await page.goto(`${editor.url}/workflow/${id}`);
	await page.getByTestId('canvas-node').first().waitFor();
}

async function openNode(name: string): Promise<void> {
	await canvasNode(name).dblclick();
	await ndv().waitFor();
}

async function closeNode(): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await ndv().waitFor({ state: 'hidden' });
}

async function runWorkflow(): Promise<void> {
	await page.getByTestId('execute-workflow-button').click();
	// n8n marks the nodes that ran (a check, or a warning): the run is over.
	const marked = () =>
		page.locator('[data-test-id^="canvas-node-status-"]:not([data-test-id$="-running"])').count();
	expect(await until(marked, (count) => count > 0)).toBeGreaterThan(0);
}

/** Closes the Add Field / Add Option list by clicking beside it, as a user would. */
async function closeCollectionList(): Promise<void> {
	await page.getByTestId('ndv-input-panel').click({ position: { x: 40, y: 200 } });
	await page.locator('[data-test-id="collection-parameter-option"]:visible').first().waitFor({
		state: 'hidden',
	});
}

/** The items of the open Add Field / Add Option list. */
async function collectionOptions(): Promise<Locator> {
	const list = page.locator('[data-test-id="collection-parameter-option"]:visible');
	await list.first().waitFor();
	return list;
}

test('the login `npm start` prints signs in', async () => {
	await page.goto(`${editor.url}/signin`);
	await page.locator('input[name=emailOrLdapLoginId]').fill(DEMO_OWNER.email);
	await page.locator('input[name=password]').fill(DEMO_OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL(/\/home\//);
});

test('the example workflow runs: the output panel lists the sessions, the canvas says what the node does', async () => {
	await openWorkflow(editor.workflow.id);
	const polar = canvasNode(POLAR_NODE);
	// The subtitle in words, not n8n's raw values ("create: customerSession").
	await expect(polar.innerText()).resolves.toContain('Create customer portal session');

	await runWorkflow();
	await polar.getByTestId('canvas-node-status-success').waitFor();
	await openNode(POLAR_NODE);
	const output = page.getByTestId('output-panel');
	await output.getByText('3 items').waitFor();
	const table = output.locator('table');
	await table.waitFor();
	const links = await table.getByText(/customer_session_token=polar_[cm]st_/).count();
	expect(links).toBe(3);
	// The first item has no member: its External Member ID is empty, not a red "undefined".
	await table.locator('tbody tr').first().hover();
	const memberPreview = page.getByTestId('parameter-expression-preview-externalMemberId');
	await memberPreview.waitFor();
	await expect(memberPreview.innerText()).resolves.not.toMatch(/undefined/);
	await shot('output-table');

	// The Docs link keeps n8n's tracking query out of an anchor that would then match nothing.
	const docs = await ndv().getByRole('link', { name: /Docs/ }).getAttribute('href');
	expect(docs).toMatch(/^https:\/\/github\.com\/polarsh-community\/n8n-nodes-polarsh/);
	expect(new URL(docs ?? '').hash).toBe('');
	await closeNode();
});

test('the nodes panel finds "Polar", with its icon, and offers its triggers and its actions', async () => {
	await page.goto(`${editor.url}/workflow/new`);
	await page.getByTestId('canvas-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('Polar');
	// An empty workflow asks for a trigger first; the node and its trigger make one "Polar" entry.
	const item = page.getByTestId('item-iterator-item').filter({
		has: page.getByTestId('node-creator-item-name').getByText('Polar', { exact: true }),
	});
	await item.waitFor();
	const icon = item.locator('img').first();
	await expect(icon.getAttribute('src')).resolves.toMatch(/n8n-nodes-polarsh\/.*polar\.svg$/);
	const loaded = () =>
		icon.evaluate(
			(img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0,
		);
	expect(await until(loaded, Boolean, 10_000)).toBe(true);

	await item.click();
	const category = (name: string) =>
		page
			.getByTestId('node-creator-category-item')
			.filter({ hasText: new RegExp(`^${name} \\(\\d+\\)`) });
	// The names listed under the open categories.
	const listed = page.locator(
		'[data-keyboard-nav-type="action"] [data-test-id="node-creator-item-name"]:visible',
	);
	// The Polar Trigger's events, open first.
	await category('Triggers').waitFor();
	await listed.getByText('On order paid', { exact: true }).waitFor();
	await expect(listed.allInnerTexts()).resolves.toContain('On all events');

	await category('Triggers').click();
	await category('Actions').click();
	// Every operation's action, in the order of the Resource field and of each Operation field.
	const actions = resourceList.flatMap(({ description }) =>
		(
			(description.find((p) => p.name === 'operation')?.options ?? []) as Array<{ action: string }>
		).map((option) => option.action),
	);
	expect(
		await until(
			() => listed.allInnerTexts(),
			(names) => names.length === actions.length,
		),
	).toEqual(actions);
	await shot('nodes-panel');
});

test('the added node’s panel: credential, Resource, Operation, Customer, Additional Fields, Options', async () => {
	await page.getByText('Create a customer portal session', { exact: true }).click();
	await ndv().waitFor();
	const inputValue = (testId: string) =>
		page.getByTestId(testId).locator('input').first().inputValue();
	// The only Polar credential is picked by itself.
	await expect(inputValue('node-credentials-select')).resolves.toBe('Polar (local API double)');
	await expect(inputValue('parameter-input-resource')).resolves.toBe('Customer Session');
	await page.getByTestId('parameter-input-resource').click();
	const resources = page.locator('[data-test-id="parameter-input-item"]:visible');
	await resources.first().waitFor();
	await expect(resources.allInnerTexts()).resolves.toEqual(
		resourceList.map(({ resource }) => resource.name),
	);
	// Picking the current one again closes the list and changes nothing.
	await resources.getByText('Customer Session', { exact: true }).click();
	await resources.first().waitFor({ state: 'hidden' });
	await expect(inputValue('parameter-input-resource')).resolves.toBe('Customer Session');
	await expect(inputValue('parameter-input-operation')).resolves.toBe('Create');
	await expect(inputValue('rlc-mode-selector')).resolves.toBe('From list');
	const parameters = page.getByTestId('node-parameters');
	for (const label of ['Customer', 'Simplify', 'Additional Fields', 'Options']) {
		await parameters.getByText(label, { exact: true }).first().waitFor();
	}
	await shot('parameter-panel');
});

test('Customer: three modes whose names fit, and From list lists the double’s customers', async () => {
	const modeSelector = page.getByTestId('rlc-mode-selector');
	const modeInput = modeSelector.locator('input');
	const modes: Record<string, string> = {};
	for (const mode of ['id', 'externalId', 'list']) {
		await modeSelector.click();
		const option = page.getByTestId(`mode-${mode}`);
		modes[mode] = (await option.innerText()).trim();
		await option.click();
		await expect(modeInput.inputValue()).resolves.toBe(modes[mode]);
		expect({ mode: modes[mode], fits: await fits(modeInput) }).toEqual({
			mode: modes[mode],
			fits: true,
		});
	}
	expect(modes).toEqual({ list: 'From list', id: 'By ID', externalId: 'Ext. ID' });

	// The field's help names the modes as n8n shows them.
	const label = page
		.getByTestId('input-label')
		.filter({ hasText: /^Customer/ })
		.first();
	await label.hover();
	await label.locator('[data-icon="circle-help"]').hover();
	const help = page
		.locator('[role=tooltip]:visible, .el-popper:visible, [data-side]:visible')
		.filter({ hasText: 'The customer whose portal to open' })
		.first();
	const helpText = await help.innerText();
	for (const mode of Object.values(modes)) expect(helpText).toContain(mode);
	expect(helpText).not.toContain('From List');
	await page.mouse.move(1, 1);
	await page.getByTestId('rlc-input').click();
	const customers = page.getByTestId('rlc-item');
	expect(
		await until(
			() => customers.count(),
			(count) => count >= 4,
		),
	).toBe(4);
	const names = (await customers.allInnerTexts()).map((text) => text.split(' · ')[0].trim());
	expect(names.sort()).toEqual(['Acme Corporation', 'Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
	await shot('customer-list');
	await customers.filter({ hasText: 'Ada Lovelace' }).click();
	await expect(page.getByTestId('rlc-input').inputValue()).resolves.toMatch(/^Ada Lovelace/);
});

test('Additional Fields and Options: in order, the retry switch first, every name in full', async () => {
	const [fieldsButton, optionsButton] = [
		page.getByTestId('collection-parameter-add').first(),
		page.getByTestId('collection-parameter-add').last(),
	];
	await fieldsButton.click();
	await expect((await collectionOptions()).allInnerTexts()).resolves.toEqual([
		'External Member ID',
		'Member ID',
		'Return URL',
	]);
	await closeCollectionList();

	await optionsButton.click();
	const options = (await (await collectionOptions()).allInnerTexts()).map((text) => text.trim());
	expect(options).toEqual([
		'Auto Retry',
		'Max Concurrent Requests',
		'Max Requests per Minute',
		'Max Retries',
		'Max Retry Wait (Seconds)',
		'Timeout (Milliseconds)',
	]);
	await closeCollectionList();
	// Added to the panel, each option's label shows whole.
	for (const option of options) {
		await optionsButton.click();
		await (await collectionOptions()).getByText(option, { exact: true }).click();
		const label = page.getByTestId('node-parameters').getByText(option, { exact: true }).first();
		await label.waitFor();
		expect({ option, fits: await fits(label) }).toEqual({ option, fits: true });
	}
});

test('the credential: Test connection succeeds, and explains a revoked token', async () => {
	await page.getByTestId('credential-edit-button').click();
	// n8n tests a saved credential as it opens it.
	const success = page.getByTestId('credentials-config-container-test-success');
	await success.waitFor();
	await expect(success.innerText()).resolves.toMatch(/Connection tested successfully/);

	await page.getByTestId('parameter-input-accessToken').locator('input').fill(REVOKED_TOKEN);
	await page.getByTestId('credential-save-button').click();
	const modal = page.getByTestId('credential-edit-dialog');
	await modal.getByText('Couldn’t connect with these settings').waitFor();
	await modal.getByText('More details').click();
	// Whatever the wording: a line says the token was rejected, and nothing repeats the token.
	const rejected = (line: string) =>
		/token/i.test(line) && /reject|revoked|expired|invalid/i.test(line);
	const explained = async () => (await modal.innerText()).split('\n').some(rejected);
	expect(await until(explained, Boolean, 10_000)).toBe(true);
	expect(await modal.innerText()).not.toContain(REVOKED_TOKEN);
	await shot('credential-revoked');
	await page.keyboard.press('Escape');
	await modal.waitFor({ state: 'hidden' });
	if (await ndv().isVisible()) await closeNode();
});

test('with that token, a run fails and its details show Polar’s own answer', async () => {
	await openWorkflow(editor.workflow.id);
	await runWorkflow();
	await openNode(POLAR_NODE);
	const output = page.getByTestId('output-panel');
	await output
		.getByTestId('node-error-message')
		.getByText('Polar rejected the access token (401)')
		.waitFor();
	const details = output.locator('summary').filter({ hasText: 'From Polar' });
	await details.click();
	// Polar's error name, from its answer, beside the status code.
	await output
		.getByText(/invalid_token/)
		.first()
		.waitFor();
	await expect(output.innerText()).resolves.not.toContain(REVOKED_TOKEN);
	await closeNode();
});

test('the error output in use: the item Polar refused goes there, with its reason', async () => {
	const { cookie } = await editor.n8n.login(DEMO_OWNER.email, DEMO_OWNER.password);
	// Put the example's credential back to a working token (the previous step revoked it).
	const example = JSON.parse(
		readFileSync(join(repoRoot(), 'examples/polar-double.credential.json'), 'utf8'),
	)[0];
	const saved = await editor.n8n.rest(
		'PATCH',
		`/rest/credentials/${example.id}`,
		{
			name: example.name,
			type: example.type,
			data: { ...example.data, baseUrl: editor.double?.url },
		},
		cookie,
	);
	expect(saved.status).toBe(200);
	// A copy of the example under an id of n8n's choosing.
	const workflow = JSON.parse(readFileSync(join(repoRoot(), ERROR_EXAMPLE), 'utf8'));
	delete workflow.id;
	const created = await editor.n8n.rest('POST', '/rest/workflows', workflow, cookie);
	expect(created.status).toBe(200);
	const { id } = (created.body as { data: { id: string } }).data;

	await openWorkflow(id);
	await runWorkflow();
	await openNode('Create portal session');
	const output = page.getByTestId('output-panel');
	await output
		.getByText(/^Error/)
		.first()
		.click();
	await output.getByText('No Polar customer with external ID "usr_never_paid"').first().waitFor();
	await shot('error-output');
});

/** The items of the open list of an options field, e.g. Operation: each name and its description. */
async function openOptions(testId: string): Promise<Locator> {
	await page.getByTestId(testId).click();
	const items = page.locator('[data-test-id="parameter-input-item"]:visible');
	await items.first().waitFor();
	return items;
}

/** The tooltip of a field's help icon, as a user reads it by hovering it. */
async function fieldHelp(label: string, expected: string): Promise<string> {
	const field = page
		.getByTestId('input-label')
		.filter({ hasText: new RegExp(`^${label}`) })
		.first();
	await field.hover();
	await field.locator('[data-icon="circle-help"]').hover();
	const help = page
		.locator('[role=tooltip]:visible, .el-popper:visible, [data-side]:visible')
		.filter({ hasText: expected })
		.first();
	const text = await help.innerText();
	await page.mouse.move(1, 1);
	return text;
}

const COMMENT = 'We only needed it for the launch month';

test('Subscription → Cancel at Period End: Revoke Now says it is final, From list lists the subscriptions, the reason and the comment', async () => {
	// A second credential, with a token that may manage subscriptions.
	const { cookie } = await editor.n8n.login(DEMO_OWNER.email, DEMO_OWNER.password);
	const example = JSON.parse(
		readFileSync(join(repoRoot(), 'examples/polar-double.credential.json'), 'utf8'),
	)[0];
	const created = await editor.n8n.rest(
		'POST',
		'/rest/credentials',
		{
			name: SUBSCRIPTIONS_CREDENTIAL,
			type: example.type,
			data: { ...example.data, accessToken: SUBSCRIPTIONS_TOKEN, baseUrl: editor.double?.url },
		},
		cookie,
	);
	expect(created.status).toBe(200);

	await page.goto(`${editor.url}/workflow/new`);
	await page.getByTestId('canvas-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('Polar');
	await page
		.getByTestId('node-creator-item-name')
		.getByText('Polar', { exact: true })
		.first()
		.click();
	await page
		.getByTestId('node-creator-category-item')
		.filter({ hasText: /^Actions \(\d+\)/ })
		.click();
	await page
		.locator('[data-keyboard-nav-type="action"] [data-test-id="node-creator-item-name"]:visible')
		.getByText('Cancel a subscription at period end', { exact: true })
		.click();
	await ndv().waitFor();
	const inputValue = (testId: string) =>
		page.getByTestId(testId).locator('input').first().inputValue();
	await expect(inputValue('parameter-input-resource')).resolves.toBe('Subscription');
	await page.getByTestId('node-credentials-select').click();
	await page.getByText(SUBSCRIPTIONS_CREDENTIAL, { exact: true }).click();
	await expect(inputValue('node-credentials-select')).resolves.toBe(SUBSCRIPTIONS_CREDENTIAL);
	await expect(inputValue('parameter-input-operation')).resolves.toBe('Cancel at Period End');

	// The Operation list says what each one does; the one that cannot be undone says so, whole.
	const operations = await openOptions('parameter-input-operation');
	const operation = (name: string) =>
		operations.filter({ has: page.locator('.option-headline').getByText(name, { exact: true }) });
	await expect(operation('Cancel at Period End').innerText()).resolves.toMatch(
		/when its current period ends; the customer keeps access until then/,
	);
	const revoke = operation('Revoke Now');
	await expect(revoke.innerText()).resolves.toMatch(/immediately.*irreversible/);
	const revokeDescription = revoke.locator('.option-description');
	const shownWhole = await revokeDescription.evaluate(
		(el: { scrollHeight: number; clientHeight: number }) => el.scrollHeight <= el.clientHeight + 2,
	);
	expect(shownWhole).toBe(true);
	await operation('Cancel at Period End').click();
	await operations.first().waitFor({ state: 'hidden' });

	// The Subscription field: From list first, its help says what the operation does.
	await expect(inputValue('rlc-mode-selector')).resolves.toBe('From list');
	const help = await fieldHelp('Subscription', 'The subscription to cancel');
	expect(help).toMatch(/keeps access until the end of the current period/);
	expect(help).toMatch(/Uncancel undoes it/);

	// From list: the double's subscriptions, most recently started first, each named by its
	// customer, product and status.
	await page.getByTestId('rlc-input').click();
	const subscriptions = page.getByTestId('rlc-item');
	expect(
		await until(
			() => subscriptions.count(),
			(count) => count >= 6,
		),
	).toBe(6);
	await expect(subscriptions.allInnerTexts()).resolves.toEqual([
		'Acme Corporation · Pro Monthly · trialing',
		'Ada Lovelace · Pro Monthly · active',
		'Grace Hopper · Pro Monthly · active',
		'Grace Hopper · Team Yearly · active',
		'Alan Turing · Pro Monthly · canceled',
		'Ada Lovelace · Team Yearly · paused',
	]);
	await shotParameters('subscription-list');
	await subscriptions.filter({ hasText: 'Ada Lovelace · Pro Monthly' }).click();
	await expect(page.getByTestId('rlc-input').inputValue()).resolves.toBe(
		'Ada Lovelace · Pro Monthly · active',
	);

	// Additional Fields: the customer's reason, from Polar's churn reasons, and their comment.
	const addField = page.getByTestId('collection-parameter-add').first();
	await addField.click();
	const fields = await collectionOptions();
	await expect(fields.allInnerTexts()).resolves.toEqual(['Customer Comment', 'Customer Reason']);
	await fields.getByText('Customer Reason', { exact: true }).click();
	const reasons = await openOptions('parameter-input-reason');
	await expect(reasons.allInnerTexts()).resolves.toEqual([
		'Customer Service',
		'Low Quality',
		'Missing Features',
		'Other',
		'Switched Service',
		'Too Complex',
		'Too Expensive',
		'Unused',
	]);
	await reasons.getByText('Too Expensive', { exact: true }).click();
	await expect(inputValue('parameter-input-reason')).resolves.toBe('Too Expensive');
	await addField.click();
	await (await collectionOptions()).getByText('Customer Comment', { exact: true }).click();
	const comment = page.getByTestId('parameter-input-comment').locator('textarea').first();
	await expect(comment.getAttribute('placeholder')).resolves.toBe(
		'e.g. Moving to a tool my team already uses',
	);
	await comment.fill(COMMENT);
	await expect(fieldHelp('Customer Comment', 'The customer’s own words')).resolves.toMatch(
		/never put internal notes here/,
	);
	// Done typing: the field's tip about input data goes away.
	await page.getByTestId('node-parameters').getByText('Additional Fields', { exact: true }).click();
	await page.getByTestId('node-parameters').getByText('Customer Reason', { exact: true }).waitFor();
	await shotParameters('subscription-cancel');

	// Execute step: Polar keeps the subscription until its period ends, with the reason and comment.
	await page.getByTestId('node-execute-button').click();
	await page.getByTestId('output-panel').getByText('1 item').waitFor();
	const canceled = editor.double?.subscriptions.find(SUBSCRIPTION_IDS.adaPro);
	expect({
		cancelAtPeriodEnd: canceled?.cancel_at_period_end,
		status: canceled?.status,
		reason: canceled?.customer_cancellation_reason,
		comment: canceled?.customer_cancellation_comment,
	}).toEqual({
		cancelAtPeriodEnd: true,
		status: 'active',
		reason: 'too_expensive',
		comment: COMMENT,
	});
}, 120_000);

test('Subscription → Get Many: Return All, Limit, every filter Polar’s list takes, and the churn they find', async () => {
	const operations = await openOptions('parameter-input-operation');
	await operations
		.filter({ has: page.locator('.option-headline').getByText('Get Many', { exact: true }) })
		.click();
	const parameters = page.getByTestId('node-parameters');
	for (const label of ['Return All', 'Limit', 'Filters']) {
		await parameters.getByText(label, { exact: true }).first().waitFor();
	}
	await expect(parameters.getByTestId('rlc-input').count()).resolves.toBe(0);
	const addFilter = page.getByTestId('collection-parameter-add').first();
	await addFilter.click();
	await expect((await collectionOptions()).allInnerTexts()).resolves.toEqual([
		'Active',
		'Cancel at Period End',
		'Canceled After',
		'Canceled Before',
		'Cancellation Reason',
		'Customer ID',
		'Discount ID',
		'External Customer ID',
		'Metadata',
		'Product ID',
		'Sort',
		'Started After',
		'Started Before',
		'Status',
	]);
	// The churn a user looks for: set to cancel, because it was too expensive.
	await (await collectionOptions()).getByText('Cancel at Period End', { exact: true }).click();
	await addFilter.click();
	await (await collectionOptions()).getByText('Cancellation Reason', { exact: true }).click();
	await expect(
		page.getByTestId('parameter-input-cancellationReason').locator('input').first().inputValue(),
	).resolves.toBe('Too Expensive');
	await shotParameters('subscription-filters');

	// Grace's seeded one, and Ada's canceled in the previous step.
	await page.getByTestId('node-execute-button').click();
	const output = page.getByTestId('output-panel');
	await output.getByText('2 items').waitFor();
	const shown = await output.innerText();
	expect(shown).toContain(SUBSCRIPTION_IDS.graceCanceling);
	expect(shown).toContain(SUBSCRIPTION_IDS.adaPro);
});
