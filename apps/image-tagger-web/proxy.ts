import { NextResponse, type NextRequest } from 'next/server';

/**
 * /api/* → the image tagger API, so the browser talks to one origin (thumbnails and originals
 * included). A proxy rewrite, read at start time: ops point one build at any API with
 * IMAGE_TAGGER_API_URL (the e2e does too, on a free port).
 */
export function proxy(request: NextRequest) {
  const base = process.env.IMAGE_TAGGER_API_URL || 'http://127.0.0.1:8140';
  const target = new URL(request.nextUrl.pathname + request.nextUrl.search, base);
  return NextResponse.rewrite(target);
}

export const config = { matcher: '/api/:path*' };
