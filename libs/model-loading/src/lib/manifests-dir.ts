import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';

/** The manifests shipped with this library (offline.yaml, hub.yaml); MATRIX_MODEL_MANIFEST picks one in the gateway. */
export function bundledManifestsDir(): string {
  return join(workspaceRoot(), 'libs', 'model-loading', 'manifests');
}
