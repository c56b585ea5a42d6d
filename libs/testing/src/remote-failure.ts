import { RemoteError } from '@elk/messaging';

/** The RemoteError a bus request fails with; a request that succeeds, or fails otherwise, fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RemoteError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}
