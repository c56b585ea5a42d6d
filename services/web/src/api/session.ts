import type { AccessTokenResponse } from '@elk/contracts';
import { queryClient } from './query-client';
import { tokenStore } from './token-store';

// A session ended in one tab (Выйти, or refused by the server) ends in the cabinet's other tabs too: they share its cookie.
const otherTabs = new BroadcastChannel('elk.session');
otherTabs.addEventListener('message', () => endHere());

/** Starts a session after log-in or sign-up (the refresh token came as a cookie); nothing cached for a previous account survives. */
export function startSession({ accessToken }: AccessTokenResponse): void {
  queryClient.clear();
  tokenStore.set(accessToken);
}

/** Ends the session in every tab; the routes that need one then send the user to /login. */
export function endSession(): void {
  endHere();
  otherTabs.postMessage('ended');
}

function endHere(): void {
  tokenStore.clear();
  queryClient.clear();
}
