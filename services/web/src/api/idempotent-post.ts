import { useState } from 'react';
import { apiJson, isNoAnswer, type ResponseSchema } from './api-client';
import { RetryKey } from './idempotency-key';

/**
 * POSTs that create something (or send an SMS), each with an Idempotency-Key that a retry of the same request reuses
 * (see RetryKey): one key holder per mounted card, so that another card starts afresh.
 */
export function useIdempotentPost(options: { anonymous?: boolean } = {}) {
  const [key] = useState(() => new RetryKey());
  return async <TView>(path: string, view: ResponseSchema<TView>, body?: unknown): Promise<TView> => {
    try {
      const created = await apiJson(path, view, { method: 'POST', body, anonymous: options.anonymous, headers: { 'Idempotency-Key': key.for(path, body) } });
      key.answered();
      return created;
    } catch (error) {
      if (!isNoAnswer(error)) key.answered();
      throw error;
    }
  };
}
