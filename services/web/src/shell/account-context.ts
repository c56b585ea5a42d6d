import type { MeResponse } from '@elk/contracts';
import { createContext, useContext } from 'react';

/** The signed-in account, provided by the shell once GET /me has answered. */
export const AccountContext = createContext<MeResponse | null>(null);

export function useAccount(): MeResponse {
  const account = useContext(AccountContext);
  if (!account) throw new Error('useAccount is used outside the signed-in shell');
  return account;
}
