import { IMAGENET_1K_WNIDS } from '@matrix/datasets';
import hypernyms from './imagenet-hypernyms.json';

/** A WordNet ancestor of an ImageNet class. */
export interface ParentSynset {
  wnid: string;
  name: string;
}

const table = hypernyms as { names: Record<string, string>; classes: Record<string, string[]> };

/**
 * Parent tags of ImageNet classes from WordNet 3.0 (ImageNet ids are WordNet noun ids):
 * imagenet-hypernyms.json, built by tools/wordnet/build-imagenet-hypernyms.mjs.
 */
export const imagenetHierarchy = {
  /** The wnid of a class index of a 1,000-class ImageNet classifier. */
  wnidOf(classIndex: number): string | undefined {
    return IMAGENET_1K_WNIDS[classIndex];
  },

  /** Every hypernym of a class, nearest first (tabby → domestic cat, cat, …, mammal, animal). */
  parentsOf(wnid: string): ParentSynset[] {
    return (table.classes[wnid] ?? []).map((parent) => ({ wnid: parent, name: table.names[parent] }));
  },
};
