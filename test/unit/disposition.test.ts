import { dispositionFileName } from '../../nodes/Polar/transport/PolarClient';

describe('the file name of a Content-Disposition header, as Polar and its file storage send it', () => {
	it('reads a quoted ASCII name, with its escapes', () => {
		expect(dispositionFileName('attachment; filename="polar-orders-2025-01-01.csv"')).toBe(
			'polar-orders-2025-01-01.csv',
		);
		expect(dispositionFileName('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv');
	});

	it('prefers the RFC 5987 UTF-8 name Polar adds for a non-ASCII one', () => {
		expect(
			dispositionFileName(
				'attachment; filename="Invoice-Ecole.pdf"; filename*=UTF-8\'\'Invoice-%C3%89cole.pdf',
			),
		).toBe('Invoice-École.pdf');
	});

	it('has no name when the header has none', () => {
		expect(dispositionFileName(undefined)).toBeUndefined();
		expect(dispositionFileName('inline')).toBeUndefined();
	});
});
