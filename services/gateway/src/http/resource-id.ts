import { Param, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { HttpProblem } from './problem';

/** A path id that is not a uuid names nothing: 404 with the resource's own «не найдено», as an unknown one. */
class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: string) {}

  transform(value: string): string {
    if (!z.uuid().safeParse(value).success) throw new HttpProblem('NOT_FOUND', this.notFound);
    return value;
  }
}

/** `@ResourceId('Точка продаж не найдена')`: the `:id` path parameter, a uuid. */
export const ResourceId = (notFound: string) => Param('id', new UuidParamPipe(notFound));

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
