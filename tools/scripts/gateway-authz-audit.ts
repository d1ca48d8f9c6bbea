// `npx nx run workspace-tools:gateway-authz`: starts an inference gateway with two keys — one with the
// infer scope for MobileNet, one with the admin scope for every model — calls every model-control and
// infer route with no key, each key, and every path case (libs/dev-harness runGatewayAuthzAudit), and
// ends with one JSON line {"suite":"gateway-authz","routes":N,"checks":N,"violations":0}. Exit 1 on a violation.
// `workspace-tools:security-audit` runs the same after the product APIs' audit.
import { gatewayAuthz, reportGatewayAuthz } from '../security-audit/gateway-authz';

gatewayAuthz().then(
  (report) => process.exit(reportGatewayAuthz(report) ? 0 : 1),
  (error: Error) => {
    console.error(`[gateway-authz] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
