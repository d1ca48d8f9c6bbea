import { PinoNestLogger } from './pino-nest-logger';

function recorder() {
  const lines: Array<{ level: string; obj: unknown; msg?: string }> = [];
  const at = (level: string) => (obj: unknown, msg?: string) => lines.push({ level, obj, msg });
  const pino = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug'), trace: at('trace') };
  return { lines, logger: new PinoNestLogger(pino as never) };
}

describe('PinoNestLogger', () => {
  it('writes Nest messages to pino with their context', () => {
    const { lines, logger } = recorder();
    logger.log('models ready', 'ModelService');
    logger.error({ err: 'boom' }, 'Filter');
    expect(lines).toEqual([
      { level: 'info', obj: { context: 'ModelService' }, msg: 'models ready' },
      { level: 'error', obj: { context: 'Filter', err: 'boom' }, msg: undefined },
    ]);
  });

  it('demotes start-up chatter (one line per route) to debug', () => {
    const { lines, logger } = recorder();
    logger.log('Mapped {/v2, GET} route', 'RouterExplorer');
    expect(lines[0].level).toBe('debug');
  });
});
