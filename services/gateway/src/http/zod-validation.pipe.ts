import { fieldErrorsOf } from '@elk/contracts';
import { Body, createParamDecorator, type ExecutionContext, type PipeTransform, Query } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpProblem, MESSAGES } from './problem';

/** Parses a body, query or headers with its schema; anything that does not fit is a 400 with per-field errors. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly whenAbsent?: unknown,
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? this.whenAbsent);
    if (!result.success) throw new HttpProblem('VALIDATION_FAILED', MESSAGES.invalidInput, { errors: fieldErrorsOf(result.error) });
    return result.data;
  }
}

const RequestHeaders = createParamDecorator((_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>().headers);

// No body at all is judged as an empty object, so that every missing field is named.
export const ValidBody = (schema: z.ZodType) => Body(new ZodValidationPipe(schema, {}));
export const ValidQuery = (schema: z.ZodType) => Query(new ZodValidationPipe(schema));
/** Header names arrive in lower case: give the schema lower-case keys, and keep it non-strict. */
export const ValidHeaders = (schema: z.ZodType) => RequestHeaders(new ZodValidationPipe(schema));
