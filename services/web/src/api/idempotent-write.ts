import { useState } from 'react';
import { apiCall, isNoAnswer, type ApiCallOptions, type ResponseSchema } from './api-client';
import { RetryKey } from './idempotency-key';

type WriteOptions = Omit<ApiCallOptions, 'method'> & { method: 'POST' | 'PUT' | 'DELETE' };

/**
 * Writes (add, update, delete, an SMS) with an Idempotency-Key that a retry of the same request reuses (see
 * RetryKey), so that «Повторить» after a lost answer gets the first attempt's result instead of doing it twice. One
 * key holder per mounted card: another card starts afresh.
 */
export function useIdempotentWrite() {
  const [key] = useState(() => new RetryKey());

  async function write(path: string, options: WriteOptions): Promise<Response>;
  async function write<T>(path: string, options: WriteOptions, view: ResponseSchema<T>): Promise<T>;
  async function write<T>(path: string, options: WriteOptions, view?: ResponseSchema<T>): Promise<T | Response> {
    const headers = { ...options.headers, 'Idempotency-Key': key.for(`${options.method} ${path}`, [options.body, options.headers]) };
    try {
      const response = await apiCall(path, { ...options, headers });
      key.answered();
      return view ? view.parse(await response.json()) : response;
    } catch (error) {
      if (!isNoAnswer(error)) key.answered();
      throw error;
    }
  }

  return write;
}
