import type { TokenPair } from '@elk/contracts';
import { queryClient } from './query-client';
import { tokenStore } from './token-store';

/** Starts a session after log-in or sign-up; nothing cached for a previous account survives. */
export function startSession({ accessToken, refreshToken }: TokenPair): void {
  queryClient.clear();
  tokenStore.set({ accessToken, refreshToken });
}

/** Ends the session locally; the routes that need one then send the user to /login. */
export function endSession(): void {
  tokenStore.clear();
  queryClient.clear();
}
