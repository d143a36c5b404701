import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import type { FailedResponse, PolarFailure } from '../transport/errors';
import { isLoopback, resolveBaseUrl } from '../transport/servers';

/**
 * Polar's rules for an endpoint URL (server/polar/webhook/schemas.py `EndpointURL`: kit/schemas.py
 * `HttpsUrl`, https only, at most 2083 characters, with a host; then `validate_hostname` /
 * `_is_blocked_webhook_host`: localhost, 127.0.0.1, 0.0.0.0, [::1] and every IP address that is
 * not global are refused with 422 "Webhook URLs cannot point to localhost or private IP
 * addresses."). Checked here before anything is sent, so activation fails with the way out; a
 * 422 that comes anyway (an address this check does not know) gets the same wording.
 */
const MAX_URL_LENGTH = 2083;

/** IPv4 networks Python's `ipaddress` does not call global, as [first octets, prefix length]. */
const PRIVATE_IPV4: ReadonlyArray<[number[], number]> = [
	[[0], 8],
	[[10], 8],
	[[100, 64], 10],
	[[127], 8],
	[[169, 254], 16],
	[[172, 16], 12],
	[[192, 0, 0], 24],
	[[192, 0, 2], 24],
	[[192, 168], 16],
	[[198, 18], 15],
	[[198, 51, 100], 24],
	[[203, 0, 113], 24],
	[[240], 4],
];

const toBits = (octets: number[]) =>
	octets.reduce((bits, octet) => bits * 256 + octet, 0) * 256 ** (4 - octets.length);

function isPrivateIpv4(octets: number[]): boolean {
	const address = toBits(octets);
	return PRIVATE_IPV4.some(([network, prefix]) => {
		const size = 2 ** (32 - prefix);
		return Math.floor(address / size) === Math.floor(toBits(network) / size);
	});
}

/** A host as the URL parser leaves it (IPv4 dotted, IPv6 in brackets and compressed). */
function isPrivateHost(host: string): boolean {
	if (host === 'localhost') return true;
	const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
	if (ipv4) return isPrivateIpv4(ipv4.slice(1).map(Number));
	const ipv6 = /^\[(.*)\]$/.exec(host)?.[1];
	if (ipv6 === undefined) return false;
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ipv6);
	if (mapped) {
		const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
		return isPrivateIpv4([high >> 8, high & 255, low >> 8, low & 255]);
	}
	return ipv6 === '::' || ipv6 === '::1' || /^(f[cd]|fe[89ab])|^2001:db8:/.test(ipv6);
}

/**
 * Why Polar would refuse `url` as this trigger's endpoint, or undefined when it takes it.
 *
 * A Polar on this machine (a credential whose custom Base URL is on loopback: a developer's own
 * Polar server, or the API double the tests use) can reach n8n on loopback, so there a loopback
 * URL, http or https, is allowed. The real Polar, out on the internet, can reach neither, and
 * refuses them. A local n8n receives real Polar's events through a tunnel or through Polar's CLI
 * (`polar listen <url>` relays them to a URL on this machine): with the CLI, Polar never sees
 * n8n's URL, and the trigger is set to "Created in Polar’s Dashboard", which registers nothing
 * and so checks nothing.
 */
export function webhookUrlProblem(url: string, polarIsLocal: boolean): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url.trim());
	} catch {
		return 'is not a valid URL';
	}
	if (polarIsLocal && /^https?:$/.test(parsed.protocol) && isLoopback(parsed.hostname)) return;
	if (parsed.protocol !== 'https:') return 'is not https';
	if (url.trim().length > MAX_URL_LENGTH) return `is longer than ${MAX_URL_LENGTH} characters`;
	if (isPrivateHost(parsed.hostname)) return 'points to localhost or a private IP address';
	return undefined;
}

/** The failure for a URL Polar refuses: the rule, and the ways out. */
export function refusedUrlFailure(
	url: string,
	reason: string,
): Pick<PolarFailure, 'message' | 'description'> {
	return {
		message: `Polar sends events only to public https URLs, and this trigger’s webhook URL ${url} ${reason}: set n8n’s WEBHOOK_URL to a public https address (e.g. a tunnel), or for local development set Webhook Endpoint to “Created in Polar’s Dashboard” and relay events with Polar’s CLI: polar listen ${url}`,
		description:
			'Polar refuses webhook URLs that are not https or that point to localhost or private IP addresses (“Webhook URLs cannot point to localhost or private IP addresses.”), and counts a redirect as a failed delivery. n8n builds this URL from its WEBHOOK_URL setting: set it to the public https address n8n is reached at, e.g. a tunnel to this n8n. For local development without one, set Webhook Endpoint to “Created in Polar’s Dashboard”, run Polar’s CLI with `polar listen` and this node’s URL, and paste the secret it prints into a Polar Webhook Secret credential.',
	};
}

/** Fails activation, before anything is sent to Polar, when Polar would refuse `url`. */
export async function checkWebhookUrl(context: IHookFunctions, url: string): Promise<void> {
	const resolved = resolveBaseUrl(await context.getCredentials('polarApi'));
	const polarIsLocal = 'baseUrl' in resolved && isLoopback(new URL(resolved.baseUrl).hostname);
	const reason = webhookUrlProblem(url, polarIsLocal);
	if (!reason) return;
	const { message, description } = refusedUrlFailure(url, reason);
	throw new NodeOperationError(context.getNode(), message, { description });
}

/** Whether Polar's 422 is about the endpoint's URL (its `loc` ends in `url`, or re-enabling one). */
export function refusesUrl(answer: FailedResponse): boolean {
	if (answer.status !== 422) return false;
	const detail = (answer.body as { detail?: unknown } | undefined)?.detail;
	if (!Array.isArray(detail)) return false;
	return detail.some((entry: { loc?: unknown; msg?: unknown }) => {
		const loc = Array.isArray(entry?.loc) ? entry.loc : [];
		return loc.at(-1) === 'url' || /invalid URL/i.test(String(entry?.msg ?? ''));
	});
}
