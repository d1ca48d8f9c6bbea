import { extname, join } from 'node:path';
import { DatasetFormatError } from '../dataset-errors';
import { defaultDatasetPath, listDatasetFiles } from '../dataset-files';
import { imagenetClassIndex } from './imagenet-classes';

/** An image whose file name carries its ImageNet class: `<wnid>_<name>.<ext>`. */
export interface LabelledImage {
  /** Absolute (or dir-relative, as given) path to the image file. */
  path: string;
  fileName: string;
  wnid: string;
  /** The name part with underscores as spaces, e.g. "great white shark". */
  name: string;
  /** The wnid's position among the 1,000 sorted ImageNet-1k wnids. */
  classIndex: number;
}

const IMAGE_EXTENSIONS = new Set(['.jpeg', '.jpg', '.png', '.webp']);
const LABELLED_NAME = /^(n\d{8})_(.+)$/;

/** Folder of the shipped ImageNet sample (500 validation-style images, one per even class index). */
export function imagenetSampleDir(): string {
  return defaultDatasetPath('imagenet-sample', 'images');
}

/** Splits `<wnid>_<name>.<ext>` into its parts, or returns undefined when the name has another shape. */
export function parseImageNetFileName(fileName: string): { wnid: string; name: string } | undefined {
  const stem = fileName.slice(0, fileName.length - extname(fileName).length);
  const match = LABELLED_NAME.exec(stem);
  return match ? { wnid: match[1], name: match[2].replace(/_/g, ' ') } : undefined;
}

/**
 * Every image in a folder named `<wnid>_<name>.<ext>` (JPEG, PNG, WebP), sorted by file name.
 * Other files (README, hidden files) are ignored; an image whose name does not carry an
 * ImageNet-1k wnid is an error, because scoring it would silently count as a miss.
 */
export function loadImageFolder(dir: string = imagenetSampleDir()): LabelledImage[] {
  return listDatasetFiles(dir)
    .filter((fileName) => !fileName.startsWith('.') && IMAGE_EXTENSIONS.has(extname(fileName).toLowerCase()))
    .map((fileName) => {
      const parsed = parseImageNetFileName(fileName);
      if (!parsed) throw new DatasetFormatError(join(dir, fileName), undefined, 'file name is not "<wnid>_<name>.<ext>"');
      const classIndex = imagenetClassIndex(parsed.wnid);
      if (classIndex === undefined) {
        throw new DatasetFormatError(join(dir, fileName), undefined, `${parsed.wnid} is not an ImageNet-1k class`);
      }
      return { path: join(dir, fileName), fileName, ...parsed, classIndex };
    });
}
