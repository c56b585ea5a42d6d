/** The session's token pair, kept in localStorage and observable (useSyncExternalStore, other tabs). */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const ACCESS_KEY = 'elk.accessToken';
const REFRESH_KEY = 'elk.refreshToken';

const listeners = new Set<() => void>();
let current = read();

function read(): Tokens | null {
  const accessToken = localStorage.getItem(ACCESS_KEY);
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  return accessToken && refreshToken ? { accessToken, refreshToken } : null;
}

function changed(): void {
  current = read();
  listeners.forEach((listener) => listener());
}

window.addEventListener('storage', (event) => {
  if (event.key === null || event.key === ACCESS_KEY || event.key === REFRESH_KEY) changed();
});

export const tokenStore = {
  get: (): Tokens | null => current,
  set(tokens: Tokens): void {
    localStorage.setItem(ACCESS_KEY, tokens.accessToken);
    localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    changed();
  },
  clear(): void {
    localStorage.removeItem(ACCESS_KEY);
    localStorage.removeItem(REFRESH_KEY);
    changed();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
