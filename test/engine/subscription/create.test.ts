import {
	byExternalId,
	byId,
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	FREE_PRODUCT_ID,
	PRODUCT_IDS,
	runSubscription,
	useSubscriptionDouble,
} from './fixtures';

const polar = useSubscriptionDouble();

describe('Subscription → Create, in n8n’s engine against the Polar double', () => {
	it('subscribes a customer, chosen by external ID, to a free product, with metadata', async () => {
		const result = await runSubscription(polar(), 'create', {
			parameters: {
				customer: byExternalId(FIXTURE_EXTERNAL_IDS.grace),
				product: byId(FREE_PRODUCT_ID),
				additionalFields: { metadata: { entries: [{ key: 'source', value: 'n8n' }] } },
			},
		});
		expect(result.executionError).toBeUndefined();
		const created = result.success[0].json;
		expect(created).toMatchObject({
			status: 'active',
			customer_id: FIXTURE_IDS.grace,
			product_id: FREE_PRODUCT_ID,
			metadata: { source: 'n8n' },
		});
		expect(polar().requests[0].body).toEqual({
			product_id: FREE_PRODUCT_ID,
			external_customer_id: FIXTURE_EXTERNAL_IDS.grace,
			metadata: { source: 'n8n' },
		});
		expect(polar().subscriptions.find(String(created.id))).toBeDefined();
	});

	it('says a paid product needs a checkout, and names a customer Polar does not have', async () => {
		const paid = await runSubscription(polar(), 'create', {
			parameters: { customer: byId(FIXTURE_IDS.ada), product: byId(PRODUCT_IDS.proMonthly) },
		});
		expect(paid.executionError?.message).toBe(
			'Polar creates subscriptions only to free products; this product has a price',
		);
		expect(paid.executionError?.description).toMatch(/checkout/);
		const nobody = await runSubscription(polar(), 'create', {
			parameters: { customer: byExternalId('usr_nobody'), product: byId(FREE_PRODUCT_ID) },
		});
		expect(nobody.executionError?.message).toBe('No Polar customer with external ID "usr_nobody"');
		const oneTime = await runSubscription(polar(), 'create', {
			parameters: { customer: byId(FIXTURE_IDS.ada), product: byId(PRODUCT_IDS.ebook) },
		});
		expect(oneTime.executionError?.message).toBe(
			'Polar did not create the subscription: Product is not a recurring product.',
		);
	});
});
