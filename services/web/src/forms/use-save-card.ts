import { App } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/api-error';

/**
 * Saving a card: `action` adds or updates and names what happened; then the card says so and closes. A
 * stale version sets `conflict` (the card warns); any other failure goes to `report` (under the fields).
 */
export function useSaveCard(report: (error: unknown) => void, clear: () => void, onDone: () => void) {
  const { message } = App.useApp();
  const [conflict, setConflict] = useState(false);

  const save = async (action: () => Promise<string>) => {
    clear();
    setConflict(false);
    try {
      void message.success(await action());
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.problem.code === 'VERSION_CONFLICT') setConflict(true);
      else report(error);
    }
  };

  return { conflict, save };
}
