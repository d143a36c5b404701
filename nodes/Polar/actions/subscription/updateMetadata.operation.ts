import { metadataField, readMetadata } from '../../helpers/metadata';
import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'updateMetadata',
	locatorDescription: 'The subscription whose metadata to replace',
	properties: [
		{
			...metadataField('The subscription’s metadata: it replaces the current metadata as a whole'),
			required: true,
		},
	],
	readBody(itemIndex) {
		return { metadata: readMetadata(this.getNodeParameter('metadata', itemIndex, {}), 'Metadata') };
	},
	doing: 'update the metadata',
	done: 'given new metadata',
	effect: 'replaced the metadata',
	repeatable: true,
});
