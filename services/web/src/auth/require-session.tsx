import { Spin } from 'antd';
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { restoreSession } from '../api/api-client';
import { tokenStore } from '../api/token-store';
import { LOGIN_PATH } from '../routes';

/**
 * Renders its children only while there is a session; otherwise (or once it ends) goes to /login. Opened or reloaded
 * without an access token in memory, it first tries to renew the session from the refresh cookie.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const accessToken = useSyncExternalStore(tokenStore.subscribe, tokenStore.get);
  const [restoring, setRestoring] = useState(() => accessToken === null);
  const { pathname } = useLocation();

  useEffect(() => {
    if (!restoring) return;
    let mounted = true;
    void restoreSession().finally(() => mounted && setRestoring(false));
    return () => {
      mounted = false;
    };
  }, [restoring]);

  if (accessToken) return children;
  if (restoring) return <Spin size="large" fullscreen />;
  return <Navigate to={LOGIN_PATH} replace state={{ from: pathname }} />;
}
