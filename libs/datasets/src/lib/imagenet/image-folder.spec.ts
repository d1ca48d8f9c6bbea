import { DatasetFormatError } from '../dataset-errors';
import { makeTempDir } from '../../test-support/temp-files';
import { loadImageFolder, parseImageNetFileName } from './image-folder';

describe('loadImageFolder', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('parses <wnid>_<name> file names', () => {
    expect(parseImageNetFileName('n02012849_crane.JPEG')).toEqual({ wnid: 'n02012849', name: 'crane' });
    expect(parseImageNetFileName('n01484850_great_white_shark.jpg')).toEqual({ wnid: 'n01484850', name: 'great white shark' });
    expect(parseImageNetFileName('cat.jpg')).toBeUndefined();
  });

  it('reads any folder named like the sample, sorted, skipping non-images', () => {
    temp.write('set/n01443537_goldfish.png', '');
    temp.write('set/n01440764_tench.jpeg', '');
    temp.write('set/README.md', 'not an image');
    expect(loadImageFolder(`${temp.dir}/set`).map(({ fileName, classIndex }) => [fileName, classIndex])).toEqual([
      ['n01440764_tench.jpeg', 0],
      ['n01443537_goldfish.png', 1],
    ]);
  });

  it.each([
    ['a name without a wnid', 'bad/cat.jpg', /not "<wnid>_<name>.<ext>"/],
    ['a wnid outside ImageNet-1k', 'odd/n00000001_thing.jpg', /n00000001 is not an ImageNet-1k class/],
  ])('rejects an image with %s', (_case, file, message) => {
    const path = temp.write(file, '');
    const dir = path.slice(0, path.lastIndexOf('/'));
    expect(() => loadImageFolder(dir)).toThrow(DatasetFormatError);
    expect(() => loadImageFolder(dir)).toThrow(message);
  });
});
