import { classifierTags, detectorTags, normalizeTagName, zeroShotTags } from './machine-tags';

const ref = { model: 'mobilenetv2-int8', version: '12' };

describe('classifierTags', () => {
  // Class indices of the 1,000-class ImageNet order: 281 tabby, 282 tiger cat, 285 Egyptian cat, 817 sports car.
  const top = [
    { index: 281, label: 'tabby cat', score: 0.4 },
    { index: 282, label: 'tiger cat', score: 0.3 },
    { index: 817, label: 'sports car', score: 0.1 },
  ];

  it('keeps each class with its probability and WordNet id', () => {
    const tags = classifierTags(top, ref).filter((t) => t.source === 'classifier');
    expect(tags.map((t) => [t.name, t.confidence, t.wnid])).toEqual([
      ['tabby cat', 0.4, 'n02123045'],
      ['tiger cat', 0.3, 'n02123159'],
      ['sports car', 0.1, 'n04285008'],
    ]);
    expect(tags[0]).toMatchObject({ model: 'mobilenetv2-int8', modelVersion: '12' });
  });

  it('adds parents whose confidence is the summed probability of their classes, and says which', () => {
    const parents = new Map(
      classifierTags(top, ref)
        .filter((t) => t.source === 'parent')
        .map((t) => [t.name, t]),
    );
    expect(parents.get('cat')?.confidence).toBeCloseTo(0.7, 6);
    expect(parents.get('cat')?.via).toEqual(['tabby cat', 'tiger cat']);
    expect(parents.get('mammal')?.confidence).toBeCloseTo(0.7, 6);
    expect(parents.get('car')?.confidence).toBeCloseTo(0.1, 6);
    expect(parents.get('car')?.via).toEqual(['sports car']);
    expect(parents.get('vehicle')?.wnid).toBe('n04524313');
    expect(parents.has('entity')).toBe(false);
  });

  it('leaves out parents below the floor, never the classes', () => {
    const tags = classifierTags(top, ref, 0.2);
    expect(tags.filter((t) => t.source === 'classifier')).toHaveLength(3);
    expect(tags.some((t) => t.name === 'car')).toBe(false);
    expect(tags.find((t) => t.name === 'cat')?.confidence).toBeCloseTo(0.7, 6);
  });

  it('never gives a parent more than 1', () => {
    const tags = classifierTags(
      [
        { index: 281, label: 'tabby', score: 0.7 },
        { index: 282, label: 'tiger cat', score: 0.6 },
      ],
      ref,
    );
    expect(tags.find((t) => t.name === 'cat')?.confidence).toBe(1);
  });
});

describe('detectorTags', () => {
  it('groups boxes by class, best first, with the count of boxes and the best score as confidence', () => {
    const tags = detectorTags(
      [
        { label: 'person', classIndex: 0, score: 0.6, box: [1, 2, 3, 4] },
        { label: 'dog', classIndex: 16, score: 0.8, box: [5, 6, 7, 8] },
        { label: 'person', classIndex: 0, score: 0.9, box: [10.04, 20, 30, 40] },
      ],
      { model: 'centernet-coco', version: '1' },
    );
    expect(tags).toEqual([
      {
        name: 'person',
        source: 'detector',
        confidence: 0.9,
        boxes: [
          { box: [10, 20, 30, 40], score: 0.9 },
          { box: [1, 2, 3, 4], score: 0.6 },
        ],
        model: 'centernet-coco',
        modelVersion: '1',
      },
      { name: 'dog', source: 'detector', confidence: 0.8, boxes: [{ box: [5, 6, 7, 8], score: 0.8 }], model: 'centernet-coco', modelVersion: '1' },
    ]);
  });
});

describe('zeroShotTags and names', () => {
  it('tags every label of the vocabulary with its score', () => {
    expect(zeroShotTags([{ index: 0, label: 'Red Dress', score: 0.8 }], 'fashion', { model: 'clip', version: '1' })).toEqual([
      { name: 'red dress', source: 'zero-shot', confidence: 0.8, vocabulary: 'fashion', model: 'clip', modelVersion: '1' },
    ]);
  });

  it('normalises names', () => {
    expect(normalizeTagName('  Golden   Retriever ')).toBe('golden retriever');
  });
});
