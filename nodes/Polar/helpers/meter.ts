import { uuidLocator } from './locator';

const meter = uuidLocator({
	displayName: 'Meter',
	noun: 'meter',
	searchListMethod: 'searchMeters',
	example: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
});

/** Every operation that takes a meter: From List (searching by name) or By ID. */
export const meterLocator = meter.field;
export const readMeterId = meter.readId;
export const refineMeterFailure = meter.refineNotFound;
