// Liveness of the web server itself (load balancers, container HEALTHCHECK); the API has its own.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ live: true, service: 'image-tagger-web' });
}
