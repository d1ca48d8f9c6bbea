import { allows, ApiKeyTable, apiKeyFromHeaders } from './api-keys';

describe('ApiKeyTable', () => {
  const table = ApiKeyTable.parse(
    'sentiment:sent-key-123:use-lite,sentiment-head:admin=sentiment-head; chatbot:chat-key-456:* ;ops:ops-key-789:-:admin=*; batch:bulk-key-000:infer=use-lite:lane=bulk',
  );

  it('lets a key call the models of its infer scope', () => {
    expect(table.authorize('sent-key-123', 'infer', 'use-lite')).toEqual({ ok: true, product: 'sentiment' });
    expect(table.authorize('chat-key-456', 'infer', 'mobilenetv2')).toEqual({ ok: true, product: 'chatbot' });
    expect(table.authorize('bulk-key-000', 'infer', 'use-lite')).toEqual({ ok: true, product: 'batch' });
  });

  it('lets a key control only the models of its admin scope', () => {
    expect(table.authorize('sent-key-123', 'admin', 'sentiment-head')).toEqual({ ok: true, product: 'sentiment' });
    expect(table.authorize('ops-key-789', 'admin', 'use-lite')).toEqual({ ok: true, product: 'ops' });
    expect(table.authorize('sent-key-123', 'admin', 'use-lite')).toEqual({
      ok: false,
      status: 403,
      message: "the key of product 'sentiment' lacks the 'admin' scope for model 'use-lite' (it has the 'infer' scope for it)",
    });
  });

  it('answers 403 naming the missing scope: an infer key cannot control, an admin-only key cannot call, * in infer grants no admin', () => {
    expect(table.authorize('chat-key-456', 'admin', 'use-lite')).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringMatching(/lacks the 'admin' scope/),
    });
    expect(table.authorize('ops-key-789', 'infer', 'use-lite')).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringMatching(/lacks the 'infer' scope/),
    });
    expect(table.authorize('sent-key-123', 'infer', 'mobilenetv2')).toEqual({
      ok: false,
      status: 403,
      message: "the key of product 'sentiment' lacks the 'infer' scope for model 'mobilenetv2'",
    });
  });

  it('answers 401 without a key or with an unknown one (also one that is a prefix of a real key)', () => {
    expect(table.authorize(undefined, 'infer', 'use-lite')).toMatchObject({ ok: false, status: 401 });
    expect(table.authorize('nope-nope-nope', 'infer', 'use-lite')).toMatchObject({ ok: false, status: 401 });
    expect(table.authorize('sent-key-12', 'infer', 'use-lite')).toMatchObject({ ok: false, status: 401, message: 'unknown API key' });
  });

  it('binds a lane to each key (interactive unless lane=bulk)', () => {
    expect(table.authenticate('bulk-key-000')).toMatchObject({ ok: true, grant: { lane: 'bulk' } });
    expect(table.authenticate('sent-key-123')).toMatchObject({ ok: true, grant: { lane: 'interactive' } });
  });

  it('reads the earlier <product>:<key>:<models> form as an infer-only key', () => {
    const old = ApiKeyTable.parse('sentiment:sent-key-123:use-lite,sentiment-head');
    expect(old.authorize('sent-key-123', 'infer', 'sentiment-head')).toMatchObject({ ok: true });
    expect(old.authorize('sent-key-123', 'admin', 'sentiment-head')).toMatchObject({ ok: false, status: 403 });
  });

  it('is open when no keys are configured, and says so', () => {
    const open = ApiKeyTable.parse('');
    expect(open.enabled).toBe(false);
    expect(open.authorize(undefined, 'admin', 'anything')).toEqual({ ok: true, product: undefined });
    expect(open.describe()).toMatch(/none configured/);
    expect(table.describe()).toContain('sentiment (infer use-lite,sentiment-head; admin sentiment-head; lane interactive)');
    expect(table.describe()).not.toContain('sent-key-123');
  });

  it.each([
    ['sentiment:only-two', /<product>:<key>:<models>/],
    ['sentiment:short:*', /shorter than 8/],
    ['a:same-key-1:*;b:same-key-1:*', /used twice/],
    ['a:key-12345:*:root=*', /unknown option 'root'.*admin=<models> or lane=interactive\|bulk/],
    ['a:key-12345:*:lane=urgent', /lane 'urgent' of product 'a' must be interactive or bulk/],
    ['a:key-12345:*:admin', /must look like name=value/],
    ['a:key-12345:*:admin=x:admin=y', /given twice/],
    ['a:key-12345:*:admin=', /admin models of product 'a' are empty/],
    ['a:key-12345:../etc', /'..\/etc' in the infer models of product 'a' is not a model id/],
    ['a b:key-12345:*', /product name 'a b'/],
  ])('rejects %j at start-up with a message saying what to fix', (spec, message) => {
    expect(() => ApiKeyTable.parse(spec)).toThrow(message);
  });

  it('never shows a key in an error', () => {
    expect(() => ApiKeyTable.parse('a:secret-key-1')).toThrow(/'a:\*\*\*'/);
    expect(() => ApiKeyTable.parse('a:secret-key-1')).not.toThrow(/secret/);
  });
});

describe('allows (the scope check)', () => {
  const grant = { product: 'p', infer: new Set(['m1']), admin: new Set(['m2']), lane: 'interactive' as const };

  it('checks the one scope asked for', () => {
    expect(allows(grant, 'infer', 'm1')).toMatchObject({ ok: true });
    expect(allows(grant, 'admin', 'm2')).toMatchObject({ ok: true });
    expect(allows(grant, 'admin', 'm1')).toMatchObject({ ok: false, status: 403 });
    expect(allows(grant, 'infer', 'm2')).toMatchObject({ ok: false, status: 403 });
  });

  it('allows everything while keys are off', () => {
    expect(allows(undefined, 'admin', 'm1')).toEqual({ ok: true, product: undefined });
  });
});

describe('apiKeyFromHeaders', () => {
  it('reads a bearer token or x-api-key', () => {
    expect(apiKeyFromHeaders({ authorization: 'Bearer abc' })).toBe('abc');
    expect(apiKeyFromHeaders({ 'x-api-key': 'xyz' })).toBe('xyz');
    expect(apiKeyFromHeaders({})).toBeUndefined();
  });
});
