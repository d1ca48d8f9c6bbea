import { NextResponse, type NextRequest } from 'next/server';

/**
 * /api/* → the recommender API, so the browser talks to one origin. A proxy rewrite (read per
 * request) rather than a next.config rewrite (frozen at build time): ops point one build at any API
 * with RECOMMENDER_API_URL when it starts.
 */
export function proxy(request: NextRequest) {
  const base = process.env.RECOMMENDER_API_URL || 'http://127.0.0.1:8130';
  const target = new URL(request.nextUrl.pathname + request.nextUrl.search, base);
  return NextResponse.rewrite(target);
}

export const config = { matcher: '/api/:path*' };
