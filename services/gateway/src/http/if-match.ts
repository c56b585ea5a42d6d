import { z } from 'zod';

/** `If-Match: 3` (also `"3"` or `W/"3"`): the version of the resource the client saw; a stale one gets 409. */
export function ifMatchHeaders(message: string) {
  return z.object({
    'if-match': z
      .string()
      .regex(/^\s*(W\/)?"?[1-9]\d{0,8}"?\s*$/, { error: message })
      .transform((value) => Number(/\d+/.exec(value)![0]))
      .optional(),
  });
}
