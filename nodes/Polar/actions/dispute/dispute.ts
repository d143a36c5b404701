import { idLocator, readObjectId, refineNotFound, type IdObject } from '../../helpers/idLocator';

const DISPUTE: IdObject = {
	label: 'Dispute',
	noun: 'dispute',
	placeholder: 'e.g. d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f61',
	hint: 'Polar’s dispute ID, a UUID (e.g. from Dispute → Get Many or the Dispute Created event)',
};

export const disputeLocator = (description: string) => idLocator(DISPUTE, description, 'dispute');
export const readDisputeId = (locator: Parameters<typeof readObjectId>[1]) =>
	readObjectId(DISPUTE, locator);
export const refineDisputeNotFound = refineNotFound(DISPUTE);
