// Polar's rules for the URL the trigger registers (server/polar/webhook/schemas.py
// `validate_hostname`, kit/schemas.py `HttpsUrl`), checked before anything is sent to Polar.

import { webhookUrlProblem } from '../../../nodes/Polar/trigger/webhookUrl';

describe('the real Polar (production, sandbox, or a Base URL off this machine)', () => {
	it.each([
		['https://n8n.example.com/webhook/abc/webhook', undefined],
		['https://N8N.Example.com:8443/webhook/abc/webhook', undefined],
		['https://8.8.8.8/webhook', undefined],
		['https://[2606:4700::1]/webhook', undefined],
		['http://n8n.example.com/webhook/abc/webhook', 'is not https'],
		['http://localhost:5678/webhook/abc/webhook', 'is not https'],
		['https://localhost:5678/webhook/abc/webhook', 'points to localhost or a private IP address'],
		['https://127.0.0.1:5678/webhook', 'points to localhost or a private IP address'],
		['https://0.0.0.0/webhook', 'points to localhost or a private IP address'],
		['https://[::1]/webhook', 'points to localhost or a private IP address'],
		['https://10.1.2.3/webhook', 'points to localhost or a private IP address'],
		['https://172.20.0.5/webhook', 'points to localhost or a private IP address'],
		['https://192.168.1.20:5678/webhook', 'points to localhost or a private IP address'],
		['https://100.100.1.1/webhook', 'points to localhost or a private IP address'],
		['https://169.254.169.254/webhook', 'points to localhost or a private IP address'],
		['https://[fd00::5]/webhook', 'points to localhost or a private IP address'],
		['https://[fe80::1]/webhook', 'points to localhost or a private IP address'],
		['https://[::ffff:192.168.0.1]/webhook', 'points to localhost or a private IP address'],
		[`https://n8n.example.com/${'a'.repeat(2060)}`, 'is longer than 2083 characters'],
		['not a url', 'is not a valid URL'],
	])('%s: %s', (url, problem) => {
		expect(webhookUrlProblem(url, false)).toBe(problem);
	});
});

describe('a Polar on this machine (a custom Base URL on loopback)', () => {
	it.each([
		'http://127.0.0.1:5678/webhook/abc/webhook',
		'http://localhost:5678/webhook-test/abc/webhook',
		'https://[::1]:5678/webhook',
		'https://n8n.example.com/webhook',
	])('takes %s', (url) => {
		expect(webhookUrlProblem(url, true)).toBeUndefined();
	});

	it.each([
		['http://192.168.1.20:5678/webhook', 'is not https'],
		['https://10.0.0.5/webhook', 'points to localhost or a private IP address'],
		['https://0.0.0.0/webhook', 'points to localhost or a private IP address'],
	])('still refuses %s, which is not loopback: %s', (url, problem) => {
		expect(webhookUrlProblem(url, true)).toBe(problem);
	});
});
