import { haproxyConfig } from './load-balancer';
import { parseScaleOutOptions } from './scale-out-options';

describe('scale-out options', () => {
  it('defaults to every product, both kills, a few minutes of load', () => {
    expect(parseScaleOutOptions([])).toEqual({
      products: ['sentiment', 'support-chatbot', 'recommender', 'image-tagger'],
      durationSeconds: 150,
      clients: 2,
      kills: ['gateway-1', 'sentiment-api-2'],
      outageSeconds: 5,
      ratings: 20_000,
    });
  });

  it('takes the CI slice, and --kill none', () => {
    const options = parseScaleOutOptions(['--product', 'sentiment', '--duration', '45', '--kill', 'gateway-1']);
    expect(options).toMatchObject({ products: ['sentiment'], durationSeconds: 45, kills: ['gateway-1'] });
    expect(parseScaleOutOptions(['--kill', 'none']).kills).toEqual([]);
  });

  it('refuses typos and a sentiment kill without sentiment under load', () => {
    expect(() => parseScaleOutOptions(['--product', 'sentimnet'])).toThrow(/unknown --product sentimnet/);
    expect(() => parseScaleOutOptions(['--clients', '0'])).toThrow(/--clients/);
    expect(() => parseScaleOutOptions(['--durations', '5'])).toThrow();
    expect(() => parseScaleOutOptions(['--product', 'recommender'])).toThrow(/sentiment-api-2 needs the sentiment product/);
  });
});

describe('haproxy config', () => {
  it('has one frontend per pool on loopback, readiness health checks, and retries with redispatch', () => {
    const config = haproxyConfig(
      [
        {
          name: 'gateway',
          port: 50001,
          healthPath: '/v2/health/ready',
          servers: [
            { name: 'gateway-1', port: 50002 },
            { name: 'gateway-2', port: 50003 },
          ],
        },
        { name: 'sentiment', port: 50004, healthPath: '/health/ready', servers: [{ name: 'sentiment-api-1', port: 50005 }] },
      ],
      50000,
    );
    expect(config).toContain('bind 127.0.0.1:50001');
    expect(config).toContain('bind 127.0.0.1:50004');
    expect(config).toContain('option httpchk GET /v2/health/ready');
    expect(config).toContain('server gateway-2 127.0.0.1:50003 check');
    expect(config).toMatch(/retry-on conn-failure empty-response/);
    expect(config).toMatch(/option redispatch/);
    expect(config).toContain('monitor-uri /lb-health');
  });
});
