import { linkAtPolar, NO_SUCH_ID, jsonOf, runCheckout, useCheckoutDouble } from './fixtures';

const polar = useCheckoutDouble();

const remove = (checkoutLinkId: string, options: Record<string, unknown> = {}) =>
	runCheckout(polar(), 'checkoutLink', 'delete', {
		parameters: { checkoutLinkId, ...options } as never,
	});

describe('Checkout Link → Delete, in n8n’s engine against the Polar double', () => {
	it('deletes the link: it is then not found, as Polar soft-deletes it', async () => {
		const id = linkAtPolar(polar());
		const result = await remove(id);
		expect(jsonOf(result.success)).toEqual([{ deleted: true, id }]);
		expect(polar().checkoutLinks.links).toHaveLength(0);
		const again = await remove(id);
		expect(again.executionError).toMatchObject({
			message: `No Polar checkout link with ID "${id}"`,
			description: expect.stringMatching(/A deleted link is not found either/),
		});
	});

	it('with Continue, a missing link is its item’s error, the others deleted', async () => {
		const id = linkAtPolar(polar());
		const result = await runCheckout(polar(), 'checkoutLink', 'delete', {
			parameters: { checkoutLinkId: '={{ $json.id }}' },
			items: [{ id: NO_SUCH_ID }, { id }],
			onError: 'continueRegularOutput',
		});
		expect(
			result.success.map((item) => [item.json.message ?? item.json.deleted, item.pairedItem]),
		).toEqual([
			[`No Polar checkout link with ID "${NO_SUCH_ID}"`, { item: 0 }],
			[true, { item: 1 }],
		]);
	});

	it('is not sent again when the answer is lost: a repeat would answer 404', async () => {
		const id = linkAtPolar(polar());
		polar().loseAnswer('DELETE /v1/checkout-links/{id}');
		const result = await remove(id, { options: { maxRetries: 3, maxRetryWait: 1 } });
		expect(polar().requests).toHaveLength(1);
		expect(polar().checkoutLinks.links).toHaveLength(0);
		expect(result.executionError?.description).toMatch(
			/Polar may have deleted the checkout link before the answer was lost/,
		);
	});
});
