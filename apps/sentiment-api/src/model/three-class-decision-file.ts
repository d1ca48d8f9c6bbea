import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { threeClassModelDir } from '@matrix/sentiment-model';
import { DECISION_KINDS, UNWEIGHTED_FUSION, type ThreeClassDecision } from '../scoring/three-class-decision';

/** The file beside a three-class artifact's weights that says how the API decides with it. */
export const DECISION_FILE = 'decision.json';

const weight = z.number().positive().finite();
const classRow = z.array(z.number().finite()).length(5);
const schema = z
  .object({
    polarity: z.enum(DECISION_KINDS),
    classWeights: z.object({ negative: weight, neutral: weight, positive: weight }),
    stacked: z.object({ coefficients: z.tuple([classRow, classRow, classRow]) }).optional(),
  })
  .refine((d) => (d.polarity === 'stacked') === (d.stacked !== undefined), { message: "'stacked' coefficients go with polarity 'stacked' only" });

/** A decision.json's content, checked (throws naming the file when it is malformed). */
export function parseThreeClassDecision(text: string, file: string): ThreeClassDecision {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: not a three-class decision: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * The decision of the three-class version latest.json names (in `dir`, default
 * SENTIMENT_THREE_CLASS_MODEL_DIR or the committed folder): the values chosen on held-out data
 * travel with the weights they were chosen for. A version without decision.json (older artifacts)
 * gets unweighted fusion, the rule those versions were served with.
 */
export function readThreeClassDecision(dir: string = threeClassModelDir()): ThreeClassDecision {
  const pointer = join(dir, 'latest.json');
  if (!existsSync(pointer)) return UNWEIGHTED_FUSION;
  const { version } = JSON.parse(readFileSync(pointer, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') return UNWEIGHTED_FUSION;
  const file = join(dir, version, DECISION_FILE);
  return existsSync(file) ? parseThreeClassDecision(readFileSync(file, 'utf8'), file) : UNWEIGHTED_FUSION;
}
