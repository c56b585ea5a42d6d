import type { ProblemDetails } from '@elk/contracts';
import { i18n } from '../i18n/i18n';

/** A failed API call, always carrying an RFC 9457 problem (synthesised when the server sent none). */
export class ApiError extends Error {
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** What to tell the user about any failure: the problem's own words, never a stack or raw JSON. */
export function userMessageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('errors.unexpected');
}
