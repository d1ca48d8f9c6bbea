import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelsDir } from '@matrix/paths';
import sharp from 'sharp';
import { sniffImageFormat } from './image-type';

describe('sniffImageFormat', () => {
  const pixel = () => sharp({ create: { width: 2, height: 2, channels: 3, background: '#c33' } });

  it('tells each supported format by its bytes', async () => {
    expect(sniffImageFormat(await pixel().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await pixel().png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await pixel().webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await pixel().gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(await pixel().tiff().toBuffer())).toBe('tiff');
    expect(sniffImageFormat(readFileSync(join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg')))).toBe('jpeg');
  });

  it('refuses what is not an image, whatever it is called', () => {
    expect(sniffImageFormat(Buffer.from('%PDF-1.7 not a picture'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.from([0xff, 0xd8]))).toBeUndefined(); // a truncated JPEG marker
    expect(sniffImageFormat(Buffer.alloc(0))).toBeUndefined();
    // RIFF but not WebP (a WAV file).
    expect(sniffImageFormat(Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt ', 'latin1'))).toBeUndefined();
  });

  it('reads a slice of a larger buffer at its own offset', () => {
    const big = Buffer.concat([Buffer.from('junk'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])]);
    expect(sniffImageFormat(big.subarray(4))).toBe('png');
    expect(sniffImageFormat(big)).toBeUndefined();
  });
});
