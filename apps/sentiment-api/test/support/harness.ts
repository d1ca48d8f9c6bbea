import { listenOnRandomPort, type RunningApi } from '@matrix/dev-harness';
import { createProductApp } from '@matrix/product-server';
import { SENTIMENT_APP_OPTIONS } from '../../src/app-options';
import { SentimentModule, type SentimentModuleOptions } from '../../src/sentiment.module';

export { call, waitFor, type Json, type RunningApi } from '@matrix/dev-harness';

/** The sentiment API in this process on a random port (as main.ts builds it, with the test's env). */
export async function startApi(env: Record<string, string>, options: SentimentModuleOptions = {}): Promise<RunningApi> {
  return listenOnRandomPort(await createProductApp(SentimentModule.forRoot(options), { ...SENTIMENT_APP_OPTIONS, env: { LOG_LEVEL: 'warn', ...env } }));
}
