import { asText, InputError, requireUuid } from './validation';

/**
 * A list filter Polar takes as a repeated query parameter (customer_id=…&customer_id=…): the
 * field's text split at commas, or an expression's array. Empty entries are dropped; with
 * `uuid`, each entry must be a Polar ID.
 */
export function readIdList(value: unknown, field: string, uuid: boolean): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const entries = Array.isArray(value)
		? value.map((entry, index) => asText(entry, `${field} [${index}]`))
		: asText(value, field).split(',');
	const ids = entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
	if (ids.length === 0) return undefined;
	if (ids.length > 100) {
		throw new InputError(field, `has ${ids.length} entries: at most 100 fit in one request`);
	}
	return uuid ? ids.map((id) => requireUuid(id, field, 'Separate several IDs with commas.')) : ids;
}
