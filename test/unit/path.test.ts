import { apiPath, pathSegmentProblem } from '../../nodes/Polar/transport/path';

describe('apiPath', () => {
	it('makes each value one encoded segment', () => {
		expect(apiPath`/v1/customers/external/${'org 42 #a?b%'}/state`).toBe(
			'/v1/customers/external/org%2042%20%23a%3Fb%25/state',
		);
	});

	it.each(['..', '.', '%2e%2E', '%252e.', '．．', 'a/b', 'a%2Fb', ''])(
		'refuses to build a path with the segment %j',
		(segment) => {
			expect(() => apiPath`/v1/customers/external/${segment}`).toThrow(/^Not sent: a path segment/);
		},
	);
});

describe('pathSegmentProblem', () => {
	it.each(['..a', 'a..', '.a.', 'usr_1337', '%zz', '100%'])('accepts %j', (segment) => {
		expect(pathSegmentProblem(segment)).toBeUndefined();
	});
});
