import { refineDiscountFailure } from '../../helpers/discount';
import { validationEntries, type RefineFailure } from '../../transport/errors';

/** Polar's field names, in the words of the node's fields. */
const FIELD_NAMES: Record<string, string> = {
	amount: 'Amounts',
	amounts: 'Amounts',
	basis_points: 'Percentage',
	code: 'Code',
	currency: 'Amounts',
	duration: 'Duration',
	duration_in_months: 'Duration in Months',
	ends_at: 'Ends At',
	products: 'Products',
	starts_at: 'Starts At',
	type: 'Type',
};

/**
 * Polar's refusals of a discount's fields (422), in the node's words: a code another discount
 * has, a product that is not the organization's, a field frozen once the discount was redeemed.
 * For an existing discount, also a missing one.
 */
export function refineDiscountWrite(id?: string): RefineFailure {
	const forDiscount = id ? refineDiscountFailure(id) : undefined;
	return (failure, response) => {
		const refined = forDiscount ? forDiscount(failure, response) : failure;
		if (refined !== failure || response.status !== 422) return refined;
		const problems = validationEntries(response.body).map((entry) => {
			const loc = (entry.loc ?? []).filter((part) => part !== 'body');
			// The union's tag (fixed, percentage) leads the location of a create's own checks.
			const named = loc.find((part) => typeof part === 'string' && part in FIELD_NAMES);
			const field = typeof named === 'string' ? FIELD_NAMES[named] : undefined;
			const index = loc[0] === 'products' && typeof loc[1] === 'number' ? ` ${loc[1] + 1}` : '';
			const msg = (entry.msg ?? 'invalid').replace(/^Value error, /, '');
			if (/code already exists/.test(msg))
				return `Another discount already has the code "${String(entry.input)}"`;
			return field ? `${field}${index}: ${msg}` : msg;
		});
		if (problems.length === 0) return failure;
		return {
			...failure,
			message: `Polar refused the discount: ${problems.join('; ')}`,
			description:
				'Codes are unique within the organization, whatever their case. Products must be the organization’s. Once a discount has been redeemed, its amounts, percentage and months stay as they are: create a new discount instead.',
		};
	};
}
