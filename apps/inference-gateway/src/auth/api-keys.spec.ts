import { ApiKeyTable, apiKeyFromHeaders } from './api-keys';

describe('ApiKeyTable', () => {
  const table = ApiKeyTable.parse('sentiment:sent-key-123:use-lite,sentiment-head; chatbot:chat-key-456:*');

  it('lets a product call the models it was granted', () => {
    expect(table.authorize('sent-key-123', 'use-lite')).toEqual({ ok: true, product: 'sentiment' });
    expect(table.authorize('chat-key-456', 'mobilenetv2')).toEqual({ ok: true, product: 'chatbot' });
  });

  it('answers 401 without a key or with an unknown one, 403 for a model not granted', () => {
    expect(table.authorize(undefined, 'use-lite')).toMatchObject({ ok: false, status: 401 });
    expect(table.authorize('nope-nope-nope', 'use-lite')).toMatchObject({ ok: false, status: 401 });
    expect(table.authorize('sent-key-123', 'mobilenetv2')).toEqual({
      ok: false,
      status: 403,
      message: "product 'sentiment' may not call model 'mobilenetv2'",
    });
  });

  it('is open when no keys are configured', () => {
    const open = ApiKeyTable.parse('');
    expect(open.enabled).toBe(false);
    expect(open.authorize(undefined, 'anything')).toEqual({ ok: true, product: undefined });
  });

  it('rejects malformed, short and duplicated keys with a message saying what to fix', () => {
    expect(() => ApiKeyTable.parse('sentiment:only-two')).toThrow(/<product>:<key>:<model>/);
    expect(() => ApiKeyTable.parse('sentiment:short:*')).toThrow(/shorter than 8/);
    expect(() => ApiKeyTable.parse('a:same-key-1:*;b:same-key-1:*')).toThrow(/used twice/);
  });
});

describe('apiKeyFromHeaders', () => {
  it('reads a bearer token or x-api-key', () => {
    expect(apiKeyFromHeaders({ authorization: 'Bearer abc' })).toBe('abc');
    expect(apiKeyFromHeaders({ 'x-api-key': 'xyz' })).toBe('xyz');
    expect(apiKeyFromHeaders({})).toBeUndefined();
  });
});
