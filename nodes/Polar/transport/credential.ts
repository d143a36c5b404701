import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { isUuid4 } from '../helpers/validation';
import { resolveBaseUrl, type PolarEnvironment } from './servers';

/**
 * Whom Polar authenticates the token as (server/polar/auth/middlewares.py
 * get_auth_subject): an organization (organization access token polar_oat_, an OAuth token
 * issued to an organization polar_at_o_), which is its own organization; or a user (personal
 * access token polar_pat_, an OAuth token issued to a user polar_at_u_), who may reach several.
 */
export type TokenKind = 'organization' | 'user';

/** Polar's prefixes of tokens whose subject is an organization (oauth2/constants.py, *_TOKEN_PREFIX). */
const ORGANIZATION_TOKEN_PREFIXES = ['polar_oat_', 'polar_at_o_'];

/** Any other token (Polar refuses an unknown prefix with 401 anyway) is read as a user's. */
export function tokenKindOf(accessToken: string): TokenKind {
	return ORGANIZATION_TOKEN_PREFIXES.some((prefix) => accessToken.startsWith(prefix))
		? 'organization'
		: 'user';
}

/** A Polar credential as the node and its connection test use it. */
export interface PolarCredential {
	baseUrl: string;
	/** Trimmed; empty when the credential has none. */
	accessToken: string;
	tokenKind: TokenKind;
	/** Trimmed; empty when the credential has none (organization tokens need none). */
	organizationId: string;
	/** Requests allowed in any minute: the credential's Rate Limit, or Polar's default. */
	requestsPerMinute: number;
}

/** What is wrong with a credential, and the field to correct. */
export interface CredentialProblem {
	problem: string;
	field: 'Environment or Base URL' | 'Access Token' | 'Organization ID';
}

/** Polar's default limit per environment, in requests a minute (a custom server: production's). */
export const DEFAULT_REQUESTS_PER_MINUTE = { production: 500, sandbox: 100, custom: 500 };

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Reads and checks a credential, before any request: the node and Test connection share it,
 * so they accept the same credentials.
 */
export function readCredential(
	credentials: ICredentialDataDecryptedObject,
): PolarCredential | CredentialProblem {
	const resolved = resolveBaseUrl(credentials);
	if ('problem' in resolved) return { problem: resolved.problem, field: 'Environment or Base URL' };

	const accessToken = text(credentials.accessToken);
	// An HTTP header carries only visible ASCII; anything else is a copy-and-paste accident.
	const bad = /[^\x21-\x7e]/.exec(accessToken);
	if (bad) {
		return {
			problem: `Access Token contains a character a token cannot have (at position ${bad.index + 1}): paste the token again`,
			field: 'Access Token',
		};
	}

	const organizationId = text(credentials.organizationId);
	if (organizationId && !isUuid4(organizationId)) {
		// Not echoed: it may be the token, pasted into the wrong field.
		return {
			problem: `Organization ID is not a Polar organization ID (a UUID such as 1dbfc517-0bbf-4301-9ba8-555ca42b9737); leave it empty for an organization access token`,
			field: 'Organization ID',
		};
	}
	// 0 or unset (a credential saved before the field existed): Polar's default for its server.
	const rateLimit = Math.floor(Number(credentials.rateLimit));
	const environment = (credentials.environment ?? 'production') as PolarEnvironment;
	const requestsPerMinute = rateLimit >= 1 ? rateLimit : DEFAULT_REQUESTS_PER_MINUTE[environment];
	return {
		baseUrl: resolved.baseUrl,
		accessToken,
		tokenKind: tokenKindOf(accessToken),
		organizationId,
		requestsPerMinute,
	};
}
