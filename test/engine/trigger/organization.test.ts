import type { IDataObject } from 'n8n-workflow';

import { FIXTURE_IDS, PERSONAL_TOKEN } from '../../../dev/polar-double';
import { triggerSuite } from './fixtures';

// Polar's webhook endpoint create resolves its organization with get_payload_organization
// (webhook/service.py create_endpoint): an organization token may not name one, a personal
// token must.
const suite = triggerSuite();
const creates = () =>
	suite.double.requests.filter((r) => r.method === 'POST' && r.path === '/v1/webhooks/endpoints');

describe('Polar Trigger: the organization of its endpoint', () => {
	it('with an organization token and an Organization ID set, activates without naming it', async () => {
		const trigger = await suite.trigger(
			{ events: ['order.paid'] },
			{ organizationId: FIXTURE_IDS.organization },
		);
		const { create } = await trigger.activate();
		expect(create).toEqual({ ok: true, result: true });
		expect(creates()[0].body).not.toHaveProperty('organization_id');
	});

	it('with a personal token, names the credential’s organization and lists only its endpoints', async () => {
		const trigger = await suite.trigger(
			{ events: ['order.paid'] },
			{ token: PERSONAL_TOKEN, organizationId: FIXTURE_IDS.organization },
		);
		const { create } = await trigger.activate();
		expect(create).toEqual({ ok: true, result: true });
		expect((creates()[0].body as IDataObject).organization_id).toBe(FIXTURE_IDS.organization);
		const lists = suite.double.requests.filter((r) => r.method === 'GET');
		for (const list of lists)
			expect(list.queryLists.organization_id).toEqual([FIXTURE_IDS.organization]);
	});
});
