import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { npmPackageDir } from '../resolution/npm-package-dir';

/**
 * Where onnxruntime-node keeps its CUDA execution provider. The npm package ships CPU binaries
 * only; the CUDA provider is downloaded by its install script (skipped offline, see .npmrc).
 * Checking the file first avoids a failed native load (and its stderr noise) on every CPU host.
 */
export function onnxCudaProviderPath(): string | undefined {
  const packageDir = npmPackageDir('onnxruntime-node');
  if (!packageDir) return undefined;
  return join(packageDir, 'bin', 'napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so');
}

/** undefined when CUDA can be tried, else the reason it cannot. */
export function onnxCudaUnavailableReason(): string | undefined {
  const path = onnxCudaProviderPath();
  if (!path) return 'onnxruntime-node is not installed';
  if (process.platform !== 'linux') return `CUDA provider is only looked for on linux (this is ${process.platform})`;
  return existsSync(path) ? undefined : `CUDA provider library not installed (${path}); install onnxruntime-node with ONNXRUNTIME_NODE_INSTALL_CUDA=v12`;
}
