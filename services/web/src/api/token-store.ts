/**
 * The session's access token, in memory only: no script can read a token from storage, and a reload renews it
 * from the HttpOnly refresh cookie. Observable for useSyncExternalStore.
 */
const listeners = new Set<() => void>();
let current: string | null = null;

// Versions before the refresh cookie kept both tokens here: leave nothing readable behind.
localStorage.removeItem('elk.accessToken');
localStorage.removeItem('elk.refreshToken');

function changed(token: string | null): void {
  current = token;
  listeners.forEach((listener) => listener());
}

export const tokenStore = {
  get: (): string | null => current,
  set: (accessToken: string): void => changed(accessToken),
  clear: (): void => changed(null),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
