import { Inject } from '@nestjs/common';

/** Injection token of the product's JobQueue (libs/job-queue): `@InjectJobQueue() jobs: JobQueue`. */
export const JOB_QUEUE = 'matrix:JobQueue';
export const InjectJobQueue = (): ParameterDecorator => Inject(JOB_QUEUE);
