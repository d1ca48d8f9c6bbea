import { NextResponse, type NextRequest } from 'next/server';

/**
 * /api/* → the support chatbot API, so the browser talks to one origin. A proxy rewrite (not a
 * next.config rewrite) because those are frozen at build time, and ops point one build at any API
 * with SUPPORT_CHATBOT_API_URL at start time (the e2e does too, on a free port).
 */
export function proxy(request: NextRequest) {
  const base = process.env.SUPPORT_CHATBOT_API_URL || 'http://127.0.0.1:8120';
  const target = new URL(request.nextUrl.pathname + request.nextUrl.search, base);
  return NextResponse.rewrite(target);
}

export const config = { matcher: '/api/:path*' };
