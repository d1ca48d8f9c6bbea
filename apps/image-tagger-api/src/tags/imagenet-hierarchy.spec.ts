import { imagenetClassIndex } from '@matrix/datasets';
import hypernyms from './imagenet-hypernyms.json';
import { imagenetHierarchy } from './imagenet-hierarchy';

const names = (wnid: string) => imagenetHierarchy.parentsOf(wnid).map((p) => p.name);

describe('imagenetHierarchy (WordNet 3.0 hypernyms of the ImageNet classes)', () => {
  it('gives a tabby its chain up to animal, nearest first', () => {
    const tabby = names('n02123045');
    expect(tabby.slice(0, 2)).toEqual(['domestic cat', 'cat']);
    for (const parent of ['feline', 'carnivore', 'mammal', 'animal', 'domestic animal']) expect(tabby).toContain(parent);
    expect(tabby.indexOf('cat')).toBeLessThan(tabby.indexOf('mammal'));
    expect(tabby.indexOf('mammal')).toBeLessThan(tabby.indexOf('vertebrate'));
  });

  it('puts dog breeds under dog and vehicles under vehicle', () => {
    expect(names(imagenetHierarchy.wnidOf(imagenetClassIndex('n02085620') as number) as string)).toContain('dog'); // Chihuahua
    expect(names('n04285008')).toEqual(expect.arrayContaining(['car', 'motor vehicle', 'vehicle'])); // sports car
    expect(names('n07747607')).toEqual(expect.arrayContaining(['citrus', 'fruit', 'food'])); // orange
  });

  it('has every one of the 1,000 classes, with parents, and leaves out the too-general top synsets', () => {
    const table = hypernyms as { classes: Record<string, string[]>; excluded: string[] };
    expect(Object.keys(table.classes)).toHaveLength(1000);
    for (let index = 0; index < 1000; index++) {
      const wnid = imagenetHierarchy.wnidOf(index) as string;
      expect(table.classes[wnid]).toBeDefined();
    }
    const all = new Set(Object.keys(table.classes).flatMap((w) => names(w)));
    expect(all.has('entity')).toBe(false);
    expect(all.has('physical entity')).toBe(false);
    expect(table.excluded).toContain('entity');
    expect(imagenetHierarchy.wnidOf(1000)).toBeUndefined();
  });

  it('knows nothing of ids outside ImageNet-1k', () => {
    expect(imagenetHierarchy.parentsOf('n99999999')).toEqual([]);
  });
});
