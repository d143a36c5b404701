import { maxInFlight, type RecordedRequest } from '../../dev/polar-double';
import { manyCustomers, runCustomer, useCustomerDouble } from './customer/fixtures';

// 1,050 customers: Return All takes 11 pages of 100. Answers take 1 s from arrival, so requests
// that the node sends together are open at the double together, even while a loaded machine
// (CI runs two test workers on two cores) makes the double's own work on each page, which
// holds the event loop the node and the double share, take hundreds of milliseconds.
const polar = useCustomerDouble({ customers: manyCustomers(1050), latencyMs: 1000 });

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);
const pageOf = (request: RecordedRequest) => Number(request.query.page);
const listRequests = () => polar().requests.filter((r) => r.path === '/v1/customers/');

describe('Get Many → Return All: page 1, then the other pages at once, in order', () => {
	it('asks for each page once, the others only after page 1 told how many there are', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: { returnAll: true, options: { concurrency: 3 } },
		});
		expect(result.executionError).toBeUndefined();
		// Every customer once, in Polar's order, whatever order the pages were answered in.
		expect(ids(result.success)).toEqual(polar().customers.map((customer) => customer.id));
		const requests = listRequests();
		expect(requests.map(pageOf).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 11 }, (_, i) => i + 1),
		);
		const [first, ...others] = requests;
		expect(pageOf(first)).toBe(1);
		for (const other of others) expect(other.time).toBeGreaterThanOrEqual(first.answeredAt!);
		// Three pages in flight at once (Max Concurrent Requests), never more.
		expect(maxInFlight(others)).toBe(3);
	});

	it('with Limit, asks only for the pages the limit needs', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: { limit: 250, options: { concurrency: 5 } },
		});
		expect(ids(result.success)).toEqual(
			polar()
				.customers.slice(0, 250)
				.map((c) => c.id),
		);
		expect(listRequests().map((r) => [pageOf(r), r.query.limit])).toEqual([
			[1, '100'],
			expect.anything(),
			expect.anything(),
		]);
		expect(listRequests().map(pageOf).sort()).toEqual([1, 2, 3]);
	});

	it('Max Concurrent Requests bounds the whole run: two lists at once share it', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: {
				returnAll: true,
				filters: { metadata: { entries: [{ key: 'cohort', value: '={{ $json.cohort }}' }] } },
				options: { concurrency: 4 },
			},
			// 350 customers each: 4 pages per item.
			items: [{ cohort: '0' }, { cohort: '1' }],
		});
		expect(result.executionError).toBeUndefined();
		const cohort = (n: string) =>
			polar()
				.customers.filter((c) => c.metadata.cohort === n)
				.map((c) => c.id);
		expect(result.success.map((item) => [item.pairedItem, item.json.id])).toEqual([
			...cohort('0').map((id) => [{ item: 0 }, id]),
			...cohort('1').map((id) => [{ item: 1 }, id]),
		]);
		expect(listRequests()).toHaveLength(8);
		expect(maxInFlight(listRequests())).toBe(4);
	});
});
