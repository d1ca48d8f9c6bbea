import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ApiError, notFound } from '@matrix/product-server';
import { CONVERSATION_TOKEN_HEADER } from '@matrix/chatbot-contract';
import { ConversationStore } from './conversation-store';

/**
 * A chat visitor's proof that a conversation is theirs (issue 14). `POST /api/conversations` returns
 * an unguessable token (32 random bytes, base64url) once; only its SHA-256 is stored. Every visitor
 * route for that conversation sends it in CONVERSATION_TOKEN_HEADER (`x-conversation-token`).
 */
export { CONVERSATION_TOKEN_HEADER };

/** Longer than any token we issue (43 characters); a longer header is refused before hashing. */
const MAX_TOKEN_CHARS = 200;

/** A fresh token and the hash to store. */
export function newConversationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashConversationToken(token) };
}

export function hashConversationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` hashes to `storedHash`, compared in constant time (false when nothing is stored). */
export function conversationTokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const presented = Buffer.from(hashConversationToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/**
 * Lets a visitor route through only with the token of the conversation in `:id`: no header → 401;
 * a token of another conversation, or an unknown conversation → 404 (the answer does not tell
 * whether the conversation exists). Staff use the agent routes (`/api/agent/conversations`) instead.
 */
@Injectable()
export class ConversationTokenGuard implements CanActivate {
  constructor(private readonly store: ConversationStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ params?: Record<string, string>; headers: Record<string, string | string[] | undefined> }>();
    const header = request.headers[CONVERSATION_TOKEN_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) {
      throw new ApiError(
        401,
        'unauthenticated',
        `this conversation needs its token in the ${CONVERSATION_TOKEN_HEADER} header (returned once by POST /api/conversations)`,
      );
    }
    const id = request.params?.['id'] ?? '';
    const storedHash = token.length <= MAX_TOKEN_CHARS && id ? await this.store.accessTokenHash(id) : null;
    if (!conversationTokenMatches(token, storedHash ?? null)) throw notFound('conversation', id);
    return true;
  }
}
