import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetFormatError } from '../dataset-errors';
import { makeTempDir } from '../../test-support/temp-files';
import { cocoVal2017MiniDir, loadCocoDataset, loadCocoVal2017Mini } from './coco-dataset';

// Counts from the shared README (79 images, 624 boxes, 80 categories); the first image's
// categories and captions were read off the JSON by hand.
describe('COCO val2017 mini', () => {
  const coco = loadCocoVal2017Mini();

  it('has 79 images, 624 boxes (5 crowd) and the 80 COCO categories', () => {
    expect(coco.images).toHaveLength(79);
    expect(coco.categories).toHaveLength(80);
    expect(coco.categories[0]).toEqual({ id: 1, name: 'person', supercategory: 'person' });
    expect(coco.categories[79]).toEqual({ id: 90, name: 'toothbrush', supercategory: 'indoor' });
    const boxes = coco.images.flatMap((image) => image.boxes);
    expect(boxes).toHaveLength(624);
    expect(boxes.filter((box) => box.isCrowd)).toHaveLength(5);
    expect(coco.images.every((image) => existsSync(image.filePath))).toBe(true);
    expect(coco.images.every((image) => image.captions.length === 5)).toBe(true);
  });

  it('gives each image its boxes, category set and captions', () => {
    const kitchen = coco.images[0];
    expect(kitchen).toMatchObject({ id: 397133, fileName: '000000397133.jpg', width: 640, height: 427 });
    expect(kitchen.filePath).toBe(join(cocoVal2017MiniDir(), 'val2017', '000000397133.jpg'));
    expect(kitchen.boxes).toHaveLength(19);
    expect(kitchen.categoryIds).toEqual([1, 44, 47, 49, 50, 51, 56, 57, 67, 79, 81]);
    expect(kitchen.categoryNames).toEqual(['person', 'bottle', 'cup', 'knife', 'spoon', 'bowl', 'broccoli', 'carrot', 'dining table', 'oven', 'sink']);
    expect(kitchen.captions[0]).toBe('A man is in a kitchen making pizzas.');
  });

  describe('malformed files', () => {
    const temp = makeTempDir();
    afterAll(() => temp.remove());
    const instances = JSON.parse(readFileSync(join(cocoVal2017MiniDir(), 'instances_val2017.json'), 'utf8'));

    it('rejects an annotation pointing at an unknown category', () => {
      const broken = { ...instances, annotations: [{ ...instances.annotations[0], category_id: 999 }] };
      const instancesFile = temp.write('dangling.json', JSON.stringify(broken));
      expect(() => loadCocoDataset({ instancesFile, imagesDir: temp.dir })).toThrow(/refers to unknown category 999/);
    });

    it('rejects a box that is not [x, y, w, h], naming the field', () => {
      const broken = { ...instances, annotations: [{ ...instances.annotations[0], bbox: [1, 2, 3] }] };
      const instancesFile = temp.write('short-bbox.json', JSON.stringify(broken));
      const load = () => loadCocoDataset({ instancesFile, imagesDir: temp.dir });
      expect(load).toThrow(DatasetFormatError);
      expect(load).toThrow('at annotations.0.bbox');
    });
  });
});
