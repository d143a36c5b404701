// The double's license keys, as Polar's server treats them (server/polar/license_key/
// endpoints.py, service.py, schemas.py): validate and activate find the key by its text within
// the body's organization_id (required even with an organization token) among the organizations
// the token reaches, else 404; validate answers 404 with Polar's reason for a key that is not
// granted, expired or does not match, and 400 when increment_usage exceeds what is left;
// activate answers 403 NotPermitted; deactivate 204. Fields follow the API version served, as
// in the per-version models of Polar's SDK 1.0.1 (the c6c3645 server predates them): from 2026-10
// every key carries `member_id`/`member`; from 2027-01 a validated key also its
// `subscription_id`/`subscription`/`order_id`/`order`. The seeded keys have none of them (null).

import { randomUUID } from 'crypto';

import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { pathIds, requestBody, type Route } from './route';
import type { Customer } from './types';
import { isAtLeast } from './versions';

export type LicenseKeyStatus = 'granted' | 'revoked' | 'disabled';

export interface LicenseKeyActivation {
	id: string;
	license_key_id: string;
	label: string;
	meta: Record<string, string | number | boolean>;
	conditions: Record<string, unknown>;
	created_at: string;
	modified_at: string | null;
}

export interface SeededLicenseKey {
	id: string;
	organization_id: string;
	customer_id: string;
	benefit_id: string;
	key: string;
	status: LicenseKeyStatus;
	limit_activations: number | null;
	usage: number;
	limit_usage: number | null;
	validations: number;
	last_validated_at: string | null;
	expires_at: string | null;
	created_at: string;
	modified_at: string | null;
	activations: LicenseKeyActivation[];
}

export const LICENSE_KEY_IDS = {
	active: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c51',
	limited: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d62',
	revoked: 'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e73',
	expired: 'd4e5f6a7-b8c9-4d0e-9f2a-3b4c5d6e7f84',
	benefit: 'e5f6a7b8-c9d0-4e1f-a23b-4c5d6e7f8a95',
	activation: 'f6a7b8c9-d0e1-4f2a-b34c-5d6e7f8a9b06',
} as const;

/** Keys of the seeded organization: one per case validate and activate tell apart. */
export function seedLicenseKeys(organizationId: string, customerId: string): SeededLicenseKey[] {
	const base = {
		organization_id: organizationId,
		customer_id: customerId,
		benefit_id: LICENSE_KEY_IDS.benefit,
		usage: 0,
		limit_usage: null,
		validations: 0,
		last_validated_at: null,
		expires_at: null,
		modified_at: null,
		activations: [],
		limit_activations: null,
	};
	return [
		{
			...base,
			id: LICENSE_KEY_IDS.active,
			key: 'POLAR-ACTIVE-0001',
			status: 'granted',
			limit_usage: 10,
			usage: 8,
			created_at: '2025-03-04T10:00:00Z',
		},
		{
			...base,
			id: LICENSE_KEY_IDS.limited,
			key: 'POLAR-LIMITED-0002',
			status: 'granted',
			limit_activations: 1,
			created_at: '2025-03-03T10:00:00Z',
			activations: [
				{
					id: LICENSE_KEY_IDS.activation,
					license_key_id: LICENSE_KEY_IDS.limited,
					label: 'laptop',
					meta: {},
					conditions: {},
					created_at: '2025-03-03T11:00:00Z',
					modified_at: null,
				},
			],
		},
		{
			...base,
			id: LICENSE_KEY_IDS.revoked,
			key: 'POLAR-REVOKED-0003',
			status: 'revoked',
			created_at: '2025-03-02T10:00:00Z',
		},
		{
			...base,
			id: LICENSE_KEY_IDS.expired,
			key: 'POLAR-EXPIRED-0004',
			status: 'granted',
			expires_at: '2025-01-01T00:00:00Z',
			created_at: '2025-03-01T10:00:00Z',
		},
	];
}

type Body = Record<string, unknown>;

const notFound = (detail = 'Not found'): CannedResponse =>
	jsonResponse(404, { error: 'ResourceNotFound', detail });
const notPermitted = (detail: string): CannedResponse =>
	jsonResponse(403, { error: 'NotPermitted', detail });

/** LicenseKeyActivationBase: what Polar shows of an activation (not its conditions). */
const activationBase = (activation: LicenseKeyActivation) => {
	const rest: Partial<LicenseKeyActivation> = { ...activation };
	delete rest.conditions;
	return rest;
};

export class LicenseKeyStore {
	/** Newest first, Polar's default order. */
	readonly keys: SeededLicenseKey[];

	constructor(
		seeded: SeededLicenseKey[],
		private readonly customers: () => readonly Customer[],
	) {
		this.keys = seeded.slice().sort((a, b) => b.created_at.localeCompare(a.created_at));
	}

	/** LicenseKeyRead in `version`: the key with its customer, without its activations. */
	read(key: SeededLicenseKey, version?: string): Record<string, unknown> {
		const rest: Partial<SeededLicenseKey> = { ...key };
		delete rest.activations;
		const customer = this.customers().find((c) => c.id === key.customer_id) ?? null;
		const member = isAtLeast(version, '2026-10') ? { member_id: null, member: null } : {};
		return { ...rest, display_key: `****-${key.key.slice(-4)}`, customer, ...member };
	}

	private byId(id: string | undefined): SeededLicenseKey | undefined {
		return this.keys.find((k) => k.id === id?.toLowerCase());
	}

	/** Polar's get_readable_by_key: the key's text within the body's organization. */
	private byKey(body: Body, organizationIds: readonly string[]): SeededLicenseKey | undefined {
		return this.keys.find(
			(k) =>
				k.key === body.key &&
				k.organization_id === body.organization_id &&
				organizationIds.includes(k.organization_id),
		);
	}

	/** GET /v1/license-keys/ with Polar's filters: organization_id, benefit_id, status. */
	list(query: Record<string, string>, version?: string): CannedResponse {
		const limit = Math.min(100, Number(query.limit ?? 10));
		const page = Number(query.page ?? 1);
		const matches = this.keys.filter(
			(k) =>
				(query.organization_id === undefined || k.organization_id === query.organization_id) &&
				(query.benefit_id === undefined || k.benefit_id === query.benefit_id) &&
				(query.status === undefined || k.status === query.status),
		);
		const items = matches.slice((page - 1) * limit, page * limit).map((k) => this.read(k, version));
		const pagination = {
			total_count: matches.length,
			max_page: Math.ceil(matches.length / limit),
		};
		return jsonResponse(200, { items, pagination });
	}

	/** GET /v1/license-keys/{id}: LicenseKeyWithActivations. */
	get(id: string, version?: string): CannedResponse {
		const key = this.byId(id);
		if (!key) return polarErrors.notFound();
		return jsonResponse(200, {
			...this.read(key, version),
			activations: key.activations.map(activationBase),
		});
	}

	/** PATCH /v1/license-keys/{id} (service.update): the fields sent, as sent (exclude_unset). */
	update(id: string, body: Body, version?: string): CannedResponse {
		const key = this.byId(id);
		if (!key) return polarErrors.notFound();
		for (const field of ['status', 'usage', 'limit_activations', 'limit_usage', 'expires_at'])
			if (field in body) Object.assign(key, { [field]: body[field] });
		return jsonResponse(200, this.read(key, version));
	}

	/** GET /v1/license-keys/{id}/activations/{activation_id}: LicenseKeyActivationRead. */
	getActivation(id: string, activationId: string, version?: string): CannedResponse {
		const key = this.byId(id);
		const activation = key?.activations.find((a) => a.id === activationId.toLowerCase());
		if (!key || !activation) return polarErrors.notFound();
		return jsonResponse(200, {
			...activationBase(activation),
			license_key: this.read(key, version),
		});
	}

	/** POST /v1/license-keys/validate (service.validate). */
	validate(
		body: Body,
		organizationIds: readonly string[],
		version?: string,
		now = new Date(),
	): CannedResponse {
		const key = this.byKey(body, organizationIds);
		if (!key) return notFound();
		if (key.status !== 'granted') return notFound('License key is no longer active.');
		if (key.expires_at && now >= new Date(key.expires_at))
			return notFound('License key has expired.');
		let activation: LicenseKeyActivation | undefined;
		if (body.activation_id) {
			activation = key.activations.find((a) => a.id === body.activation_id);
			if (!activation) return notFound();
			const conditions = activation.conditions;
			if (
				Object.keys(conditions).length > 0 &&
				JSON.stringify(body.conditions ?? {}) !== JSON.stringify(conditions)
			)
				return notFound('License key does not match required conditions');
		}
		if (body.benefit_id && body.benefit_id !== key.benefit_id)
			return notFound('License key does not match given benefit.');
		if (body.customer_id && body.customer_id !== key.customer_id)
			return notFound('License key does not match given user.');
		const increment = typeof body.increment_usage === 'number' ? body.increment_usage : 0;
		if (increment && key.limit_usage) {
			const remaining = key.limit_usage - key.usage;
			if (increment > remaining)
				return jsonResponse(400, {
					error: 'BadRequest',
					detail: `License key only has ${remaining} more usages.`,
				});
		}
		key.validations += 1;
		key.last_validated_at = now.toISOString();
		key.usage += increment;
		// ValidatedLicenseKey names what granted the key from 2027-01.
		const grantedBy = isAtLeast(version, '2027-01')
			? { subscription_id: null, subscription: null, order_id: null, order: null }
			: {};
		return jsonResponse(200, {
			...this.read(key, version),
			...grantedBy,
			activation: activation ? activationBase(activation) : null,
		});
	}

	/** POST /v1/license-keys/activate (service.activate). */
	activate(
		body: Body,
		organizationIds: readonly string[],
		version?: string,
		now = new Date(),
	): CannedResponse {
		const key = this.byKey(body, organizationIds);
		if (!key) return notFound();
		if (key.status !== 'granted')
			return notPermitted(
				'License key is no longer active. This license key can not be activated.',
			);
		if (key.expires_at && now >= new Date(key.expires_at))
			return notPermitted('License key has expired.');
		if (!key.limit_activations)
			return notPermitted(
				'This license key does not support activations. Use the /validate endpoint instead to check license validity.',
			);
		if (key.activations.length >= key.limit_activations)
			return notPermitted('License key activation limit already reached');
		const activation: LicenseKeyActivation = {
			id: randomUUID(),
			license_key_id: key.id,
			label: String(body.label),
			meta: (body.meta ?? {}) as LicenseKeyActivation['meta'],
			conditions: (body.conditions ?? {}) as Record<string, unknown>,
			created_at: now.toISOString(),
			modified_at: null,
		};
		key.activations.push(activation);
		return jsonResponse(200, {
			...activationBase(activation),
			license_key: this.read(key, version),
		});
	}

	/** POST /v1/license-keys/deactivate (service.deactivate): 204, or 404 for an unknown activation. */
	deactivate(body: Body, organizationIds: readonly string[]): CannedResponse {
		const key = this.byKey(body, organizationIds);
		const index = key?.activations.findIndex((a) => a.id === body.activation_id) ?? -1;
		if (!key || index < 0) return notFound();
		key.activations.splice(index, 1);
		return { status: 204, headers: {}, body: '' };
	}
}

const LICENSE_READ_SCOPES = ['license_keys:read', 'license_keys:write'];
const LICENSE_WRITE_SCOPES = ['license_keys:write'];

/** The license key endpoints; `reachable` lists the organizations the token may name. */
export function licenseKeyRoutes(licenseKeys: LicenseKeyStore, reachable: string[]): Route[] {
	return [
		{
			method: 'GET',
			template: '/v1/license-keys/',
			scopes: LICENSE_READ_SCOPES,
			answer: (request) => licenseKeys.list(request.query, request.apiVersion),
		},
		{
			method: 'GET',
			template: '/v1/license-keys/{id}',
			scopes: LICENSE_READ_SCOPES,
			answer: (request) => licenseKeys.get(pathIds(request)[0], request.apiVersion),
		},
		{
			method: 'PATCH',
			template: '/v1/license-keys/{id}',
			scopes: LICENSE_WRITE_SCOPES,
			answer: (request) =>
				licenseKeys.update(pathIds(request)[0], requestBody(request), request.apiVersion),
		},
		{
			method: 'GET',
			template: '/v1/license-keys/{id}/activations/{activation_id}',
			scopes: LICENSE_READ_SCOPES,
			answer: (request) =>
				licenseKeys.getActivation(pathIds(request)[0], pathIds(request)[2], request.apiVersion),
		},
		{
			method: 'POST',
			template: '/v1/license-keys/validate',
			scopes: LICENSE_WRITE_SCOPES,
			answer: (request) =>
				licenseKeys.validate(requestBody(request), reachable, request.apiVersion),
		},
		{
			method: 'POST',
			template: '/v1/license-keys/activate',
			scopes: LICENSE_WRITE_SCOPES,
			answer: (request) =>
				licenseKeys.activate(requestBody(request), reachable, request.apiVersion),
		},
		{
			method: 'POST',
			template: '/v1/license-keys/deactivate',
			scopes: LICENSE_WRITE_SCOPES,
			faultable: true,
			answer: (request) => licenseKeys.deactivate(requestBody(request), reachable),
		},
	];
}
