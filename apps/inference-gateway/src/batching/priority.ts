/** Interactive requests (a person is waiting) always go before bulk jobs. */
export const PRIORITIES = ['interactive', 'bulk'] as const;
export type Priority = (typeof PRIORITIES)[number];
