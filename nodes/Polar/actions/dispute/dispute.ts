import { uuidLocator } from '../../helpers/locator';

/** Polar lists disputes by order and status only: a dispute is taken By ID. */
const dispute = uuidLocator({
	displayName: 'Dispute',
	noun: 'dispute',
	example: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f61',
	idNote: '(e.g. from Dispute → Get Many or the Dispute Created event)',
	alsoFrom: 'or the Dispute Created event',
});

export const disputeLocator = (description: string) => dispute.field(description);
export const readDisputeId = dispute.readId;
export const refineDisputeNotFound = dispute.refineNotFound;
