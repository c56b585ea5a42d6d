import { useCallback, useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, userMessageOf } from '../api/api-error';

/** What a form shows above its fields when the server's answer is not about one of them. */
export interface FormProblem {
  message: string;
  details: string[];
}

/**
 * Maps a failed submission onto the form: problem+json `errors[]` whose path names a field go under
 * that field; the rest (and problems about no field) become one FormProblem.
 */
export function useFormProblem<T extends FieldValues>(setError: UseFormSetError<T>, fields: readonly Path<T>[]) {
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const report = useCallback(
    (error: unknown) => {
      const fieldErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
      const details: string[] = [];
      for (const { path, message } of fieldErrors) {
        const field = fields.find((name) => name === path);
        if (field) setError(field, { type: 'server', message }, { shouldFocus: true });
        else details.push(message);
      }
      const allOnFields = fieldErrors.length > 0 && details.length === 0;
      setProblem(allOnFields ? null : { message: userMessageOf(error), details });
    },
    [fields, setError],
  );

  const clear = useCallback(() => setProblem(null), []);

  return { problem, report, clear };
}
