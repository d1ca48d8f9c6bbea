import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChecksumMismatchError, ModelFileMissingError, ModelLoadingError } from '../errors';
import type { ResolvedModel } from '../resolution/resolve-model';
import { sharedModelFile, tempDir } from '../testing/fixtures';
import { sha256File } from './sha256-file';
import { verifyModelFiles } from './verify-files';

// Reference digests: FIPS 180-2 appendix B.1 ("abc") and the well-known digest of the empty string.
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SHA256_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('integrity', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  function resolvedWith(files: { path: string; sha256?: string }[]): ResolvedModel {
    return {
      modelId: 'm',
      location: 'models-dir',
      dir: dir.path,
      files: files.map((file) => ({ ...file, absolutePath: join(dir.path, file.path) })),
      searched: [dir.path],
    };
  }

  it('streams sha256 to the published digests', async () => {
    writeFileSync(join(dir.path, 'abc.bin'), 'abc');
    writeFileSync(join(dir.path, 'empty.bin'), '');
    await expect(sha256File(join(dir.path, 'abc.bin'))).resolves.toBe(SHA256_ABC);
    await expect(sha256File(join(dir.path, 'empty.bin'))).resolves.toBe(SHA256_EMPTY);
  });

  it('accepts matching checksums (case-insensitive) and skips files without one', async () => {
    writeFileSync(join(dir.path, 'ok.bin'), 'abc');
    writeFileSync(join(dir.path, 'unchecked.bin'), 'xyz');
    await expect(verifyModelFiles(resolvedWith([{ path: 'ok.bin', sha256: SHA256_ABC.toUpperCase() }, { path: 'unchecked.bin' }]))).resolves.toEqual([
      { path: 'ok.bin', size: 3, sha256: SHA256_ABC },
      { path: 'unchecked.bin', size: 3 },
    ]);
  });

  it('reports expected vs actual on a mismatch', async () => {
    writeFileSync(join(dir.path, 'tampered.bin'), 'abd');
    const verification = verifyModelFiles(resolvedWith([{ path: 'tampered.bin', sha256: SHA256_ABC }]));
    await expect(verification).rejects.toBeInstanceOf(ChecksumMismatchError);
    await expect(verification).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH', expected: SHA256_ABC, file: join(dir.path, 'tampered.bin') });
    const error = (await verification.catch((e: unknown) => e)) as ChecksumMismatchError;
    expect(error.actual).toMatch(/^[0-9a-f]{64}$/);
    expect(error.actual).not.toBe(SHA256_ABC);
    expect(error).toBeInstanceOf(ModelLoadingError);
  });

  it('re-checks a file that changed after a successful check', async () => {
    const path = join(dir.path, 'changes.bin');
    writeFileSync(path, 'abc');
    await verifyModelFiles(resolvedWith([{ path: 'changes.bin', sha256: SHA256_ABC }]));
    writeFileSync(path, 'abcd'); // new size → new cache key
    await expect(verifyModelFiles(resolvedWith([{ path: 'changes.bin', sha256: SHA256_ABC }]))).rejects.toBeInstanceOf(ChecksumMismatchError);
  });

  it('names a file that vanished', async () => {
    await expect(verifyModelFiles(resolvedWith([{ path: 'gone.bin', sha256: SHA256_ABC }]))).rejects.toBeInstanceOf(ModelFileMissingError);
  });

  it('the shared MobileNet file matches the checksum in offline.yaml', async () => {
    await expect(sha256File(sharedModelFile('mobilenetv2-12-int8/mobilenetv2-12-int8.onnx'))).resolves.toBe(
      '83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f',
    );
  });
});
