// The Polar API double's public API: import from 'dev/polar-double'.
export {
	CONTROL_PREFIX,
	DEFAULT_TOKEN,
	DEFAULT_TOKEN_SCOPES,
	maxInFlight,
	RANDOM_FAULTS,
	startPolarDouble,
	type PolarDouble,
	type PolarDoubleOptions,
	type RecordedRequest,
	type RecordedViolation,
} from './server';
export { OTHER_ORGANIZATION_ID, PERSONAL_TOKEN } from './organization-scope';
export {
	CREATE_SESSION_PATH,
	CREATE_SESSION_SCHEMAS,
	isUuid4,
	LIST_CUSTOMERS_PATH,
	POLAR_API_VERSION,
	RESPONSE_SHAPES,
	validateCommonHeaders,
	validateCreateSessionBody,
	validateCreateSessionRequest,
	validateCustomer,
	validateCustomerList,
	validateCustomerSession,
	validateListCustomersRequest,
	type ContractViolation,
	type RequestLike,
} from './contract';
export {
	buildCustomerSession,
	DEFAULT_ORGANIZATION_SLUG,
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	seedCustomers,
	SESSION_LIFETIME_MS,
	type SeededCustomer,
	type SeedMember,
} from './fixtures';
export {
	AMBIGUOUS_EXTERNAL_ID_DETAIL,
	FAILURE_SCENARIOS,
	INSUFFICIENT_SCOPE_DESCRIPTION,
	INVALID_TOKEN_DESCRIPTION,
	type FailureOptions,
	type FailureScenario,
} from './responses';
export {
	createLimiter,
	FixedWindowLimiter,
	SlidingWindowLimiter,
	type RateLimit,
	type RateLimiter,
	type RateLimitKind,
} from './rate-limit';
export { BENEFIT_IDS, PRODUCT_IDS, seedProducts } from './products';
export {
	ApiVersions,
	CURRENT_API_VERSION,
	DEPRECATED_API_VERSION,
	NEXT_API_VERSION,
	SERVED_API_VERSIONS,
	type ApiVersionOptions,
} from './versions';
export {
	METER_IDS,
	quantities,
	seedMeters,
	seedUsageEvents,
	type Meter,
	type QuantitiesInput,
} from './meters';
export {
	aggregate,
	filterMatches,
	type IngestedEvent,
	type MeterAggregation,
	type MeterFilter,
} from './meter-aggregation';
export { customerMeters, type MeterCredit } from './customer-meters';
export {
	BenefitStore,
	GRANT_IDS,
	MORE_BENEFIT_IDS,
	seedBenefits,
	TOKEN_CREDIT_UNITS,
} from './benefits';
export { addInterval, truncate, type TimeInterval } from './zoned-time';
export {
	REFUNDABLE_ORDER_IDS,
	refundedTax,
	RefundStore,
	roundHalfEven,
	seedRefundableOrders,
	SUBSCRIPTION_ID,
	type RefundableOrders,
} from './refunds';
export { DISCOUNT_IDS, DiscountStore } from './discounts';
export {
	buildSubscription,
	FREE_PRODUCT_ID,
	freeProduct,
	seedSubscriptions,
	SUBSCRIPTION_IDS,
	SubscriptionStore,
} from './subscriptions';
export {
	buildOrder,
	DEFAULT_JOB_DELAY_MS,
	ORDER_CHECKOUT_IDS,
	ORDER_EXPORT_COLUMNS,
	ORDER_EXPORT_DEFAULT_COLUMNS,
	ORDER_IDS,
	ORDER_SUBSCRIPTION_IDS,
	OrderStore,
	seedOrders,
	type OrderSeed,
} from './orders';
export { CUSTOMER_EXPORT_HEADERS } from './customer-export';
export {
	SUBSCRIPTION_EXPORT_COLUMNS,
	SUBSCRIPTION_EXPORT_DEFAULT_COLUMNS,
} from './subscription-export';
export type * from './types';
export {
	createWebhookEndpointStore,
	NEWER_SERVER_BODY_FIELDS,
	NEWER_SERVER_ENDPOINT_FIELDS,
	validateEndpointBody,
	validateWebhookRequest,
	webhookRoute,
	WEBHOOK_API_VERSIONS,
	WEBHOOK_ENDPOINTS_PATH,
	WEBHOOK_EVENT_TYPES,
	WEBHOOK_SCHEMAS,
	type LegacyOptions,
	type WebhookEndpoint,
	type WebhookEndpointStore,
	type WebhookStoreOptions,
} from './webhooks';
export {
	WEBHOOK_FAILURE_THRESHOLD,
	WEBHOOK_MAX_ATTEMPTS,
	type AttemptOptions,
	type DeliverOptions,
	type Delivery,
	type EndpointDisabledEmail,
	type WebhookEvent,
	type WebhookEventRecord,
} from './webhook-deliveries';
export {
	generateSecret,
	legacySecret,
	polarSignature,
	signingKey,
	standardSecret,
	standardSignature,
	STANDARD_SIGNATURE_CUTOFF,
	usesStandardSignature,
	WEBHOOK_SECRET_PREFIX,
} from './webhook-secrets';
export { normaliseWebhookUrl, WEBHOOK_URL_POLICIES, type WebhookUrlPolicy } from './webhook-urls';
export {
	LICENSE_KEY_IDS,
	LicenseKeyStore,
	seedLicenseKeys,
	type LicenseKeyActivation,
	type LicenseKeyStatus,
	type SeededLicenseKey,
} from './license-keys';
export {
	CHECKOUT_TTL_SECONDS,
	FRONTEND_BASE_URL,
	type CheckoutStore,
	type DoubleClock,
} from './checkouts';
export { type CheckoutLinkStore } from './checkout-links';
export { completeCheckout, type BuyerInput, type Completion } from './checkout-completion';
export { bodyLimit, eventRoutes, EventStore, MAX_REQUEST_BODY_BYTES, type Event } from './events';
export { DISPUTE_IDS, seedDisputes } from './disputes';
export { PAYMENT_IDS, seedPayments } from './payments';
export { getMetrics, MAX_INTERVAL_DAYS, MIN_DATE } from './metrics';
export { METRICS, METRIC_SLUGS, type MetricDefinition } from './metrics-catalog';
