import { z } from 'zod';

/** POST /api/training-jobs body: which ranker, and a few knobs; everything has a default. */
export const trainingRequestSchema = z
  .strictObject({
    ranker: z.enum(['auto', 'ease', 'bpr'], { message: 'ranker must be auto, ease or bpr' }).default('auto'),
    /** Share of each user's interactions held out to measure the version (0 = no metrics). */
    holdout: z.number().min(0).max(0.5, 'holdout may be at most 0.5').default(0.2),
    mfEpochs: z.number().int().min(1).max(200).default(20),
    bprEpochs: z.number().int().min(1).max(200).default(20),
    easeL2: z.number().positive().max(100_000).default(500),
    activate: z.boolean().default(true),
  })
  .default({ ranker: 'auto', holdout: 0.2, mfEpochs: 20, bprEpochs: 20, easeL2: 500, activate: true });
export type TrainingRequest = z.infer<typeof trainingRequestSchema>;
