import type { ExecutionContext } from '@nestjs/common';
import { FakeConversationStore } from '../../test/fakes/fake-conversation-store';
import { conversationTokenMatches, ConversationTokenGuard, hashConversationToken, newConversationToken } from './conversation-token';

const contextFor = (id: string, token?: string | string[]) =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ params: { id }, headers: token === undefined ? {} : { 'x-conversation-token': token } }) }),
  }) as unknown as ExecutionContext;

describe('conversation tokens', () => {
  it('are 32 random bytes (base64url), different each time; only the SHA-256 is kept', () => {
    const a = newConversationToken();
    const b = newConversationToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashConversationToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('match only their own hash; nothing stored never matches', () => {
    const { token, hash } = newConversationToken();
    expect(conversationTokenMatches(token, hash)).toBe(true);
    expect(conversationTokenMatches(newConversationToken().token, hash)).toBe(false);
    expect(conversationTokenMatches(token, null)).toBe(false);
    expect(conversationTokenMatches(token, 'abc')).toBe(false);
  });
});

describe('ConversationTokenGuard', () => {
  const store = new FakeConversationStore();
  const guard = new ConversationTokenGuard(store);
  let mine: { id: string; token: string };
  let other: { id: string; token: string };
  let legacy: string;

  beforeAll(async () => {
    const a = newConversationToken();
    const b = newConversationToken();
    mine = { id: (await store.createConversation(null, a.hash)).id, token: a.token };
    other = { id: (await store.createConversation(null, b.hash)).id, token: b.token };
    legacy = (await store.createConversation(null, null)).id;
  });

  it('lets the conversation’s own token through', async () => {
    await expect(guard.canActivate(contextFor(mine.id, mine.token))).resolves.toBe(true);
  });

  it('answers 401 without a token', async () => {
    await expect(guard.canActivate(contextFor(mine.id))).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    await expect(guard.canActivate(contextFor(mine.id, ''))).rejects.toMatchObject({ status: 401 });
  });

  it('answers 404 to another conversation’s token, an unknown conversation, a conversation without a token, and junk', async () => {
    await expect(guard.canActivate(contextFor(mine.id, other.token))).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(guard.canActivate(contextFor('nope', mine.token))).rejects.toMatchObject({ status: 404 });
    await expect(guard.canActivate(contextFor(legacy, mine.token))).rejects.toMatchObject({ status: 404 });
    await expect(guard.canActivate(contextFor(mine.id, 'x'.repeat(10_000)))).rejects.toMatchObject({ status: 404 });
  });
});
