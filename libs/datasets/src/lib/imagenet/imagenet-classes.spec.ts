import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelsDir } from '@matrix/paths';
import { IMAGENET_1K_WNIDS, imagenetClassIndex } from './imagenet-classes';
import { loadImageFolder } from './image-folder';

/** Words of a name, lower-cased, split on anything but letters and digits. */
function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a file-name class (the WordNet lemma, e.g. "king snake") and a simple label (e.g.
 * "kingsnake") name the same thing: a shared word, one containing the other once spaces go, or a
 * common stem of 4+ letters ("Pekinese"/"Pekingese", "bookshop"/"bookstore").
 */
function namesAgree(a: string, b: string): boolean {
  const [wa, wb] = [words(a), words(b)];
  if (wa.some((word) => wb.includes(word))) return true;
  const [ja, jb] = [wa.join(''), wb.join('')];
  if (ja.includes(jb) || jb.includes(ja)) return true;
  let common = 0;
  while (common < Math.min(ja.length, jb.length) && ja[common] === jb[common]) common++;
  return common >= 4;
}

/**
 * Classes where imagenet-simple-labels renamed the WordNet lemma to a synonym, checked by hand
 * (e.g. n01601694 "water ouzel" -> "American dipper", n03710637 "maillot" -> "tights"): 24 of
 * the 500 sample images. A misaligned wnid list would break far more (418 with a shift by one).
 */
const RENAMED_IN_SIMPLE_LABELS = [
  'n01601694',
  'n01682714',
  'n02027492',
  'n02109961',
  'n02280649',
  'n02281787',
  'n02437312',
  'n02747177',
  'n03032252',
  'n03131574',
  'n03476684',
  'n03595614',
  'n03599486',
  'n03680355',
  'n03697007',
  'n03710637',
  'n03868242',
  'n03929660',
  'n04273569',
  'n04325704',
  'n04367480',
  'n04553703',
  'n07684084',
  'n12768682',
];

describe('ImageNet-1k class ids', () => {
  it('lists 1,000 distinct wnids in sorted order, tench first and toilet tissue last', () => {
    expect(IMAGENET_1K_WNIDS).toHaveLength(1000);
    expect(new Set(IMAGENET_1K_WNIDS).size).toBe(1000);
    expect(IMAGENET_1K_WNIDS.every((wnid) => /^n\d{8}$/.test(wnid))).toBe(true);
    expect([...IMAGENET_1K_WNIDS].sort()).toEqual(IMAGENET_1K_WNIDS);
    expect(imagenetClassIndex('n01440764')).toBe(0);
    expect(imagenetClassIndex('n01443537')).toBe(1);
    expect(imagenetClassIndex('n15075141')).toBe(999);
    expect(imagenetClassIndex('n00000000')).toBeUndefined();
  });

  describe('against the shared ImageNet sample and imagenet-simple-labels', () => {
    const images = loadImageFolder();
    const labelsPath = join(modelsDir(), 'imagenet-labels', 'imagenet-simple-labels.json');
    const simpleLabels: string[] = JSON.parse(readFileSync(labelsPath, 'utf8'));

    it('has 500 images, one per even class index, every wnid in the list', () => {
      expect(images).toHaveLength(500);
      expect(images[0]).toMatchObject({ fileName: 'n01440764_tench.JPEG', wnid: 'n01440764', name: 'tench', classIndex: 0 });
      expect(images[1]).toMatchObject({ wnid: 'n01484850', name: 'great white shark', classIndex: 2 });
      expect(images.map((image) => image.classIndex)).toEqual(Array.from({ length: 500 }, (_, i) => 2 * i));
    });

    it('agrees with imagenet-simple-labels at each index except 24 known renamings', () => {
      expect(simpleLabels).toHaveLength(1000);
      const disagreeing = images.filter((image) => !namesAgree(image.name, simpleLabels[image.classIndex]));
      expect(disagreeing.map((image) => image.wnid)).toEqual(RENAMED_IN_SIMPLE_LABELS);
    });
  });
});
