import { benefitLocator, readBenefitId, refineBenefitFailure } from '../../helpers/benefit';
import { getOperation } from '../common.get';

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'benefit',
	path: '/v1/benefits/{id}',
	locator: benefitLocator('The benefit to get'),
	readId: (locator) => readBenefitId(locator),
	refine: refineBenefitFailure,
});
