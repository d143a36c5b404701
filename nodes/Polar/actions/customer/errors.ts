import { refineCustomerFailure, type CustomerRef } from '../../helpers/customer';
import { validationEntries, validationField, type RefineFailure } from '../../transport/errors';

/** Polar's field names, in the words of the node's fields. */
const FIELD_NAMES: Record<string, string> = {
	email: 'email',
	external_id: 'external ID',
};

/**
 * The Customer resource's own wording: a duplicate email or external ID (Polar answers 422),
 * and, for operations on an existing customer, a missing or ambiguous one.
 */
export function refineCustomerWrite(ref?: CustomerRef): RefineFailure {
	const forCustomer = ref ? refineCustomerFailure(ref) : undefined;
	return (failure, response) => {
		const refined = forCustomer ? forCustomer(failure, response) : failure;
		if (refined !== failure || response.status !== 422) return refined;
		const taken = validationEntries(response.body).find((entry) =>
			/already exists/i.test(entry.msg ?? ''),
		);
		if (!taken) {
			return {
				...failure,
				description: 'Polar refused the customer’s fields. Check the fields named above.',
			};
		}
		const field = validationField(taken);
		const value = taken.input ?? response.requestBody?.[field];
		return {
			...failure,
			message: `A customer with this ${FIELD_NAMES[field] ?? field} already exists: "${String(value)}"`,
			description: `Each customer of an organization has its own ${FIELD_NAMES[field] ?? field}. Find the existing customer with Get or Get Many, or update it instead.`,
		};
	};
}
