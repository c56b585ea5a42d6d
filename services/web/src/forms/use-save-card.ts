import { App } from 'antd';
import { useRef, useState } from 'react';
import { isNoAnswer } from '../api/api-client';
import { ApiError } from '../api/api-error';

/**
 * Saving a card: `action` adds or updates and names what happened (null: the card stays open, e.g. for a code from
 * an SMS); then the card says so and closes. A stale version sets `conflict` (the card warns); no answer (no
 * connection, a timeout) sets `offline`, and `retry` sends the same request again (with its Idempotency-Key, so a
 * write that went through is answered as done, not made twice); any other failure goes to `report` (under the fields).
 */
export function useSaveCard(report: (error: unknown) => void, clear: () => void, onDone: () => void) {
  const { message } = App.useApp();
  const [conflict, setConflict] = useState(false);
  const [offline, setOffline] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const last = useRef<(() => Promise<string | null>) | null>(null);

  const save = async (action: () => Promise<string | null>) => {
    last.current = action;
    clear();
    setConflict(false);
    setOffline(false);
    try {
      const done = await action();
      if (done === null) return;
      void message.success(done);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.problem.code === 'VERSION_CONFLICT') setConflict(true);
      else if (isNoAnswer(error)) setOffline(true);
      else report(error);
    }
  };

  const retry = async () => {
    if (!last.current) return;
    setRetrying(true);
    try {
      await save(last.current);
    } finally {
      setRetrying(false);
    }
  };

  return { conflict, offline, retrying, save, retry };
}
