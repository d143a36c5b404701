import { uuidLocator } from './locator';

const benefit = uuidLocator({
	displayName: 'Benefit',
	noun: 'benefit',
	searchListMethod: 'searchBenefits',
	example: 'e5f40716-8f92-43a4-8eb5-d6f708192a35',
});

/** Every operation that takes a benefit: From List (searching by description) or By ID. */
export const benefitLocator = benefit.field;
export const readBenefitId = benefit.readId;
export const refineBenefitFailure = benefit.refineNotFound;
