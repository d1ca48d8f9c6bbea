import { isModelServed, type GatewayClient, type ModelInfo } from '@matrix/gateway-client';
import type { CheckResult } from '../health/readiness';

/** What serving a product-trained model needs of the gateway client (tests pass a fake). */
export type ModelGateway = Pick<GatewayClient, 'models' | 'registerModel'>;

/** GatewayClient.registerModel's `config` (the gateway manifest entry, version included) and files. */
export interface ModelRegistration {
  config: Record<string, unknown> & { version: string };
  files: Record<string, Buffer>;
}

/** One gateway model a product serves from its own trained files. */
export interface GatewayModelToServe {
  /** The gateway model id. */
  id: string;
  /** The version that must be served; absent: whichever version the gateway lists counts. */
  version?: string;
  /** Read only when the gateway lacks the model; throws when there is nothing to register (the reason says why). */
  registration: () => ModelRegistration;
}

/** What a product serves now: one gateway model, or several (an ensemble's members). */
export interface ModelsToServe {
  /** The product's version of it (e.g. the artifact's); default: the version the gateway serves. */
  version?: string;
  /** Fields the status carries besides ok, version and reason (e.g. the ranker kind). */
  details?: Record<string, unknown>;
  models: GatewayModelToServe[];
}

/** The readiness status of a served model: ok, the version, and why not while it is not served. */
export interface ServedModelStatus extends CheckResult {
  version?: string;
}

/** The setting that lets a product register its model: while off, the product only reports what the gateway lacks. */
export interface RegisterSwitch {
  /** Named in the reason while off, e.g. SENTIMENT_REGISTER_MODEL. */
  name: string;
  on: boolean;
}

export interface EnsureModelServedOptions {
  /** Absent: the product always registers what the gateway lacks. */
  registerSwitch?: RegisterSwitch;
  /** Register without asking the gateway first (it answered "model not found", or another version became current). */
  force?: boolean;
  logger?: { log(message: string): void };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Asks the gateway whether it serves every model of `target` and registers each one it lacks (or
 * lists FAILED) from the product's files. With several gateway replicas behind one URL, registering
 * once is enough: the gateway keeps registrations in its shared model registry, every replica lists
 * (and serves) them, so a check answered by another replica sees the model served and registers nothing;
 * registering identical files again is a no-op on the gateway side. The answer is the status: ok with the served version, or
 * not ok saying why (gateway unreachable, loading, nothing to register, registration failed).
 */
export async function ensureModelServed(gateway: ModelGateway, target: ModelsToServe, options: EnsureModelServedOptions): Promise<ServedModelStatus> {
  const status = (ok: boolean, version: string | undefined, reason?: string): ServedModelStatus => {
    const shown = target.version ?? version;
    return { ...target.details, ok, ...(shown === undefined ? {} : { version: shown }), ...(reason === undefined ? {} : { reason }) };
  };
  let listed: ModelInfo[] = [];
  // Forced, a listing would only delay the registration; without registering, it is all there is to say.
  const register = options.registerSwitch?.on ?? true;
  if (!options.force || !register) {
    try {
      listed = await gateway.models();
    } catch (error) {
      return status(false, undefined, `cannot reach the inference gateway: ${messageOf(error)}`);
    }
  }
  let served: string | undefined;
  for (const model of target.models) {
    const info = listed.find((m) => m.id === model.id && (model.version === undefined || m.version === model.version));
    if (info && isModelServed(info.state)) {
      served = info.version;
      continue;
    }
    if (info?.state === 'LOADING') return status(false, info.version, `the gateway is loading ${model.id}`);
    if (!register) {
      const name = model.version === undefined ? model.id : `${model.id}@${model.version}`;
      const why = info ? ` (${info.state}: ${info.reason?.message ?? 'no reason given'})` : '';
      return status(false, undefined, `the gateway does not serve ${name}${why} and ${options.registerSwitch?.name} is off`);
    }
    let registration: ModelRegistration;
    try {
      registration = model.registration();
    } catch (error) {
      return status(false, undefined, `the gateway does not serve ${model.id}, and there is no trained artifact to register: ${messageOf(error)}`);
    }
    options.logger?.log(`registering ${model.id} version ${registration.config.version} with the gateway`);
    let registered: ModelInfo;
    try {
      registered = await gateway.registerModel(model.id, registration.config, registration.files);
    } catch (error) {
      return status(false, registration.config.version, `cannot register ${model.id} with the inference gateway: ${messageOf(error)}`);
    }
    if (!isModelServed(registered.state)) {
      return status(
        false,
        registered.version,
        `the gateway could not load ${model.id} ${registered.version}: ${registered.reason?.message ?? registered.state}`,
      );
    }
    served = registered.version;
  }
  return status(true, served);
}
