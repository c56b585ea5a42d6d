import type { AccessTokenResponse } from '@elk/contracts';
import { queryClient } from './query-client';
import { tokenStore } from './token-store';

/** Starts a session after log-in or sign-up (the refresh token came as a cookie); nothing cached for a previous account survives. */
export function startSession({ accessToken }: AccessTokenResponse): void {
  queryClient.clear();
  tokenStore.set(accessToken);
}

/** Ends the session locally; the routes that need one then send the user to /login. */
export function endSession(): void {
  tokenStore.clear();
  queryClient.clear();
}
