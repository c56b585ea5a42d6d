import { useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { tokenStore } from '../api/token-store';
import { LOGIN_PATH } from '../routes';

/** Renders its children only while there is a session; otherwise (or once it ends) goes to /login. */
export function RequireSession({ children }: { children: ReactNode }) {
  const tokens = useSyncExternalStore(tokenStore.subscribe, tokenStore.get);
  const { pathname } = useLocation();
  if (!tokens) return <Navigate to={LOGIN_PATH} replace state={{ from: pathname }} />;
  return children;
}
