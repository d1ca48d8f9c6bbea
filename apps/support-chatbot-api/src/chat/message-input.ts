import { HTTP_STATUS_PARAM } from '@matrix/product-server';
import { z } from 'zod';

/** A message text: not blank, at most `max` characters (413 beyond, saying the limit). */
export const messageTextSchema = (max: number, name = 'text') =>
  z.string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be a string`) }).superRefine((text, ctx) => {
    if (text.length > max)
      ctx.addIssue({
        code: 'custom',
        message: `${name} has ${text.length} characters; a message may have at most ${max}: shorten it or send it in parts`,
        params: { [HTTP_STATUS_PARAM]: 413 },
      });
    else if (text.trim() === '') ctx.addIssue({ code: 'custom', message: `${name} must not be empty or blank` });
  });

export const nameSchema = (name: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be a string`) })
    .trim()
    .min(1, `${name} must not be blank`)
    .max(100, `${name} may be at most 100 characters`);
