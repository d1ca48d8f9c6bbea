// Shared NestJS pieces of every product API (the product template stamps new products from these).
export { createProductApp, productConfigOf, runProductApp, type ProductAppOptions } from './lib/app/create-product-app';
export { ProductCoreModule, type ProductCoreOptions } from './lib/app/product-core.module';
export { PRODUCT_CONFIG, PRODUCT_ENV } from './lib/app/tokens';
export { ConfigError, parseEnvironment } from './lib/config/parse-environment';
export {
  LOG_LEVELS,
  loadProductConfig,
  privacyEnvNames,
  productEnvSchema,
  type LogLevel,
  type ProductConfig,
  type ProductIdentity,
  type ProductPrivacy,
} from './lib/config/product-config';
export { DB_CLIENT, DB_PROVIDER, DbModule, InjectDb, pingDatabase, redactUrl, type DbModuleOptions } from './lib/db/db.module';
export { ApiError, notFound, type ErrorBody } from './lib/errors/api-error';
export { isTransient, retryTransient, type RetryOptions } from './lib/errors/transient';
export { formatBytes, toErrorResponse, type BodyLimits, type ErrorResponse } from './lib/errors/error-response';
export { ProductExceptionFilter } from './lib/errors/product-exception.filter';
export { GatewayModule } from './lib/gateway/gateway.module';
export { ModelServingWatch, type ModelServingWatchOptions } from './lib/gateway/model-serving-watch';
export {
  ensureModelServed,
  type EnsureModelServedOptions,
  type GatewayModelToServe,
  type ModelGateway,
  type ModelRegistration,
  type ModelsToServe,
  type RegisterSwitch,
  type ServedModelStatus,
} from './lib/gateway/ensure-model-served';
export { ServedModel, type ServedModelOptions } from './lib/gateway/served-model';
export {
  DEMO_DATA_KIND,
  demoDataCheck,
  demoDataEnabled,
  demoDataJobId,
  demoDataReadiness,
  queueDemoDataJob,
  worthWaitingFor,
  type DemoDataDecision,
  type DemoDataSpec,
} from './lib/first-run/demo-data';
export { installDemoData } from './lib/first-run/install-demo-data';
export { MonotoneProgress } from './lib/first-run/monotone-progress';
export { backoffDelay, retryWithBackoff, type BackoffOptions } from './lib/first-run/retry-with-backoff';
export { HealthController } from './lib/health/health.controller';
export { InjectJobQueue, JOB_QUEUE, JobQueueModule } from './lib/jobs/job-queue.module';
export { JobsController } from './lib/jobs/jobs.controller';
export { dependencyWaitReason } from './lib/jobs/dependency-wait-reason';
export { idempotencyKeyFrom } from './lib/jobs/idempotency-key';
export { ProductJobs, type JobKind, type JobQuery } from './lib/jobs/product-jobs.service';
export {
  createJobOnce,
  DependencyWaitExpired,
  JobCancelled,
  JobInterrupted,
  toJobView,
  type JobContext,
  type JobHandler,
  type JobQueue,
} from '@matrix/job-queue';
export { ReadinessRegistry, type CheckResult, type ReadinessCheck, type ReadinessReport } from './lib/health/readiness';
export { csvLine, type CsvValue } from './lib/http/csv-writer';
export { sendDownload, type Download } from './lib/http/download';
export { CSV_BODY, registerRawBodyParsers, type RawBodyType } from './lib/http/raw-body';
export { decodeText, declaredCharset, TextEncodingError } from './lib/http/text-decoding';
export { PinoNestLogger } from '@matrix/service-logging';
export { MetricsController } from './lib/metrics/metrics.controller';
export { ProductMetrics } from './lib/metrics/product-metrics';
export { paginationShape, toPage, toSkipTake, type Page, type PageRequest, type PaginationOptions } from './lib/pagination/pagination';
export { ApiZodBody, ApiZodQuery, jsonSchemaOf } from './lib/validation/openapi-zod';
export { HTTP_STATUS_PARAM, ValidationError, type ValidationIssue } from './lib/validation/validation-error';
export { expectJsonBody, parseWith, withoutBlankValues, ZodValidationPipe } from './lib/validation/zod-validation';
export {
  CurrentStaff,
  principalOf,
  Public,
  PRINCIPAL_KEY,
  roleSatisfies,
  Roles,
  ROUTE_ACCESS,
  STAFF_ROLES,
  Visitor,
  type RateLimitBucket,
  type RouteAccess,
  type StaffPrincipal,
  type StaffRole,
} from './lib/auth/access';
// Privacy (issue 14): PII redaction before storage, retention per product, the audit log of staff actions.
export { PiiRedactor } from './lib/privacy/pii-redactor';
export { AuditLog, SYSTEM_ACTOR, UNKNOWN_ACTOR, type AuditAction, type AuditEntryView, type AuditQuery } from './lib/privacy/audit-log.service';
export { AuditController } from './lib/privacy/audit.controller';
export { AuditInterceptor } from './lib/privacy/audit.interceptor';
export type { AuditedCall, AuditedRoute } from './lib/privacy/audited-routes';
export {
  ProductRetention,
  RETENTION_CHUNK,
  RETENTION_INTERVAL_MS,
  RETENTION_KIND,
  type RetentionReport,
  type RetentionTarget,
} from './lib/privacy/product-retention.service';
export { annotateOpenApiAccess, routeAccessReport, type DeclaredAccess, type RouteAccessEntry } from './lib/auth/access-report';
export {
  RATE_LIMIT_BUCKETS,
  RATE_LIMIT_SETTINGS,
  RATE_LIMIT_STORAGE,
  rateLimitEnvSchema,
  SharedWindowLimiter,
  type RateLimitBucketName,
  type RateLimitSettings,
} from './lib/rate-limit/rate-limit';
export { AuthController, type SessionView, type UserView } from './lib/auth/auth.controller';
export { AuthGuard, routeAccessOf, UNDECLARED_ACCESS } from './lib/auth/auth.guard';
export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './lib/auth/cookies';
export {
  API_TOKEN_PREFIX,
  EVERY_PRODUCT,
  IdentityError,
  IdentityStore,
  normalizeEmail,
  type AccountWithRole,
  type ApiTokenView,
  type StaffAccount,
} from './lib/auth/identity-store';
export { identityEnvSchema, identitySettingsFrom, openPlatformDatabase, type IdentitySettings } from './lib/auth/identity-settings';
export { IdentityModule } from './lib/auth/identity.module';
export { authenticationOf, BOOTSTRAP_PRINCIPAL_ID, IDENTITY_SETTINGS, IdentityService, PLATFORM_DB, type Authentication } from './lib/auth/identity.service';
export { generatePassword, hashPassword, PASSWORD_MIN_LENGTH, sha256, verifyPassword } from './lib/auth/secrets';
export { runUsersCli, USERS_USAGE, type CliIo } from './lib/auth/users-cli';
export { RouteDeclarationsReport, undeclaredRoutes, type UndeclaredRoute } from './lib/auth/route-declarations';
