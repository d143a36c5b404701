// Polar's wire types for the one operation the node uses, as in the 2026-04 OpenAPI spec
// (openapi/2026-04.openapi.json). Hand-written so the double has no SDK dependency.

export interface Address {
	line1?: string | null;
	line2?: string | null;
	postal_code?: string | null;
	city?: string | null;
	state?: string | null;
	/** ISO 3166-1 alpha-2. */
	country: string;
}

export type MetadataOutput = Record<string, string | number | boolean>;

interface CustomerBase {
	id: string;
	created_at: string;
	modified_at: string | null;
	metadata: MetadataOutput;
	external_id: string | null;
	email_verified: boolean;
	name: string | null;
	billing_name: string | null;
	billing_address: Address | null;
	tax_id: [string, string] | null;
	locale: string | null;
	organization_id: string;
	default_payment_method_id: string | null;
	deleted_at: string | null;
	first_user_event_at: string | null;
	avatar_url: string | null;
}

export interface CustomerIndividual extends CustomerBase {
	type: 'individual';
	email: string;
}

/** Team customers have members; a session for one needs `member_id` or `external_member_id`. */
export interface CustomerTeam extends CustomerBase {
	type: 'team';
	email: string | null;
}

export type Customer = CustomerIndividual | CustomerTeam;

export interface CustomerSession {
	created_at: string;
	modified_at: string | null;
	id: string;
	/** `polar_cst_…`, or `polar_mst_…` for a member session. */
	token: string;
	expires_at: string;
	return_url: string | null;
	customer_portal_url: string;
	customer_id: string;
	customer: Customer;
}

/** The request body: exactly one of `customer_id` / `external_customer_id`. */
export interface CustomerSessionCreate {
	customer_id?: string;
	external_customer_id?: string;
	return_url?: string | null;
	member_id?: string | null;
	external_member_id?: string | null;
}

export interface CustomerList {
	items: Customer[];
	pagination: { total_count: number; max_page: number };
}

/** One entry of a 422 `RequestValidationError` body (pydantic's error format). */
export interface ValidationErrorDetail {
	loc: Array<string | number>;
	msg: string;
	type: string;
	input?: unknown;
}
