import { loadBitextCustomerSupport } from './bitext-customer-support';

// Sizes from the shared README and the set's README.txt (27 intents in 11 categories).
describe('Bitext customer support sample', () => {
  it('loads 21,534 utterances, 27 intents, 11 categories, BOM stripped from the first column', () => {
    const rows = loadBitextCustomerSupport();
    expect(rows).toHaveLength(21_534);
    expect(new Set(rows.map((row) => row.intent)).size).toBe(27);
    expect(new Set(rows.map((row) => row.category)).size).toBe(11);
    expect(rows[0]).toEqual({
      flags: 'BILC',
      utterance: "I don't have an online account, what do I have to do to register?",
      category: 'ACCOUNT',
      intent: 'create_account',
    });
    expect(rows.every((row) => row.flags.includes('B'))).toBe(true);
  });
});
