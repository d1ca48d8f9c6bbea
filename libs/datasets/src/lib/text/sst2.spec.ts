import { loadSst2 } from './sst2';

// Counts from the GLUE SST-2 release (train 67,349 / dev 872) and the shared README; the label
// counts and rows were read off the files with `cut -f2 | sort | uniq -c` and `head`.
describe('GLUE SST-2 (shared copy)', () => {
  it('loads the 872 dev sentences, 444 positive and 428 negative', () => {
    const dev = loadSst2('dev');
    expect(dev).toHaveLength(872);
    expect(dev.filter((row) => row.label === 1)).toHaveLength(444);
    expect(dev[0]).toEqual({ sentence: "it 's a charming and often affecting journey . ", label: 1 });
    expect(dev[1]).toEqual({ sentence: 'unflinchingly bleak and desperate ', label: 0 });
  });

  it('loads the 67,349 training phrases', () => {
    const train = loadSst2('train');
    expect(train).toHaveLength(67_349);
    expect(train[0]).toEqual({ sentence: 'hide new secretions from the parental units ', label: 0 });
    expect(train.filter((row) => row.label === 1)).toHaveLength(37_569);
  });
});
