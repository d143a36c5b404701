import { seedCustomers } from '../../../dev/polar-double';
import { manyCustomers, runCustomer, useCustomerDouble } from './fixtures';

// The four seeded customers and 250 more: Return All takes three pages of 100. Other clients
// change the list once page 1 is read (the double's change-list-after-page lever); pages 2 and 3
// go together, at the default Max Concurrent Requests.
const polar = useCustomerDouble({ customers: [...seedCustomers(), ...manyCustomers(250)] });

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => String(item.json.id));

/** Customers other clients create: the newest, so at the head of Polar's -created_at order. */
const newcomers = (count: number, tag: string) =>
	Array.from({ length: count }, (_, i) => ({ email: `${tag}-${i}@changing.example` }));

async function changeListAfterPage(change: {
	afterPage: number;
	insert: Array<Record<string, unknown>>;
	remove: string[];
}): Promise<void> {
	const response = await fetch(`${polar().url}/__double/customers/change-list-after-page`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(change),
	});
	expect(response.status).toBe(204);
}

/** The customers Polar holds now, as one read of a list that stands still gives them. */
async function customersNow(): Promise<string[]> {
	const result = await runCustomer(polar(), 'getAll', { parameters: { returnAll: true } });
	return ids(result.success);
}

describe('Customer → Get Many (Return All) of a list that changes while it is read', () => {
	it('records created meanwhile push some onto the next page: each is returned once', async () => {
		const before = await customersNow();
		await changeListAfterPage({ afterPage: 1, insert: newcomers(4, 'pushed'), remove: [] });
		const result = await runCustomer(polar(), 'getAll', { parameters: { returnAll: true } });
		expect(result.executionError).toBeUndefined();
		const returned = ids(result.success);
		// Page 2 began with the last four of page 1 again.
		expect(new Set(returned).size).toBe(returned.length);
		expect(returned.slice(0, before.length)).toEqual(before);
		expect(new Set(returned)).toEqual(new Set(await customersNow()));
	});

	it('records deleted meanwhile pull some back onto a page already read: they are fetched', async () => {
		const before = await customersNow();
		// Five of page 1 deleted, three created: the first two of page 2 move onto page 1.
		const removed = before.slice(10, 15);
		await changeListAfterPage({ afterPage: 1, insert: newcomers(3, 'pulled'), remove: removed });
		const result = await runCustomer(polar(), 'getAll', { parameters: { returnAll: true } });
		expect(result.executionError).toBeUndefined();
		const returned = ids(result.success);
		expect(new Set(returned).size).toBe(returned.length);
		// Every customer there was when the read began (the deleted ones were read on page 1)…
		expect(returned).toEqual(expect.arrayContaining(before));
		expect(returned).toEqual(expect.arrayContaining([before[100], before[101]]));
		// …and every one there is now.
		expect(returned).toEqual(expect.arrayContaining(await customersNow()));
		expect(returned).toHaveLength(before.length + 3);
	});
});
