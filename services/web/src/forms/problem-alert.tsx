import { Alert } from 'antd';
import type { FormProblem } from './use-form-problem';

export function ProblemAlert({ problem }: { problem: FormProblem | null }) {
  if (!problem) return null;
  const description = problem.details.length > 0 ? problem.details.join('. ') : undefined;
  return <Alert type="error" showIcon title={problem.message} description={description} style={{ marginBottom: 16 }} />;
}
