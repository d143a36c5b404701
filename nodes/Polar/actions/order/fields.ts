/** Polar's OrderStatus, for the Status filters of Get Many and Export. */
export const ORDER_STATUS_OPTIONS = [
	{ name: 'Draft', value: 'draft' },
	{ name: 'Paid', value: 'paid' },
	{ name: 'Partially Refunded', value: 'partially_refunded' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Refunded', value: 'refunded' },
	{ name: 'Void', value: 'void' },
];
