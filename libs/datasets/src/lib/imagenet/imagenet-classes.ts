import wnids from './imagenet-1k-wnids.json';

/**
 * The 1,000 ImageNet-1k (ILSVRC-2012) WordNet ids in sorted order; a wnid's position is the class
 * index every ImageNet classifier outputs, and the order of `imagenet-simple-labels.json`. These
 * are class ids, not data. Taken from the first column of the ILSVRC `LOC_synset_mapping.txt` (as
 * found in public repositories, e.g. JasmineLi-805/res18); the spec checks it is sorted, unique,
 * and agrees with the wnids and names of the shipped ImageNet sample.
 */
export const IMAGENET_1K_WNIDS: readonly string[] = Object.freeze(wnids.slice());

const indexByWnid = new Map(IMAGENET_1K_WNIDS.map((wnid, index) => [wnid, index]));

/** The class index (0..999) of a wnid, or undefined when it is not an ImageNet-1k class. */
export function imagenetClassIndex(wnid: string): number | undefined {
  return indexByWnid.get(wnid);
}
