// Which Polar the demo and the editor talk to: the local API double (the default), or Polar
// itself when POLAR_ACCESS_TOKEN is set (see the README's demo section).

export type Target =
	| { kind: 'double' }
	| {
			kind: 'polar';
			server: 'sandbox' | 'production';
			accessToken: string;
			organizationId: string;
			/** How the customers are named: Polar's customer IDs, or the user's own external IDs. */
			by: 'id' | 'externalId';
			customers: string[];
	  };

const list = (value: string | undefined): string[] =>
	(value ?? '')
		.split(',')
		.map((each) => each.trim())
		.filter(Boolean);

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): Target {
	const accessToken = env.POLAR_ACCESS_TOKEN?.trim() ?? '';
	const ids = list(env.POLAR_CUSTOMER_ID);
	const externalIds = list(env.POLAR_EXTERNAL_CUSTOMER_ID);
	if (!accessToken) {
		if (ids.length || externalIds.length || env.POLAR_SERVER)
			throw new Error(
				'POLAR_CUSTOMER_ID, POLAR_EXTERNAL_CUSTOMER_ID and POLAR_SERVER need POLAR_ACCESS_TOKEN',
			);
		return { kind: 'double' };
	}
	const server = env.POLAR_SERVER?.trim() || 'sandbox';
	if (server !== 'sandbox' && server !== 'production')
		throw new Error(`POLAR_SERVER must be sandbox or production, not "${server}"`);
	if (ids.length === 0 && externalIds.length === 0)
		throw new Error(
			'Name the customers to open a portal for: POLAR_CUSTOMER_ID (Polar’s IDs) or POLAR_EXTERNAL_CUSTOMER_ID (your own), comma-separated',
		);
	if (ids.length && externalIds.length)
		throw new Error('Set POLAR_CUSTOMER_ID or POLAR_EXTERNAL_CUSTOMER_ID, not both');
	return {
		kind: 'polar',
		server,
		accessToken,
		organizationId: env.POLAR_ORGANIZATION_ID?.trim() ?? '',
		by: ids.length ? 'id' : 'externalId',
		customers: ids.length ? ids : externalIds,
	};
}

export function describeTarget(target: Target): string {
	return target.kind === 'double' ? 'the local Polar API double' : `Polar ${target.server}`;
}
