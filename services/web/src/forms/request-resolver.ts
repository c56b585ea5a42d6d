import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';

/**
 * Validates a card with the server's own zod schema: the inputs are first turned into the request body
 * (empty strings, the version seen), so the card and the server can never disagree.
 */
export function requestResolver<TValues extends FieldValues, TBody>(
  schema: Parameters<typeof zodResolver>[0],
  toInput: (values: TValues) => Record<string, unknown>,
): Resolver<TValues, unknown, TBody> {
  const validate = zodResolver(schema);
  return (values, context, options) => validate(toInput(values) as never, context, options as never) as never;
}
