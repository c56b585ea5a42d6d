import { useLocation, useNavigate, useSearchParams } from 'react-router';

/** The history entry's state of a details panel the user opened here (not from a shared link). */
interface OpenedState {
  openedHere: true;
}

function openedHere(state: unknown): state is OpenedState {
  return typeof state === 'object' && state !== null && (state as Partial<OpenedState>).openedHere === true;
}

/** A journal record whose details panel is open, and how to open and close it. */
export interface OpenedRecord {
  id: string | null;
  open(id: string): void;
  close(): void;
}

/**
 * The record whose details are open, kept in the address (`?sale=<id>`) beside the list's filters: a link to it can be
 * shared, and Back closes it. Opening adds a history entry (another record then replaces it); closing steps back over
 * that entry, or, for a panel that came with the address, takes the id out of it.
 */
export function useOpenedRecord(param: string): OpenedRecord {
  const [params, setParams] = useSearchParams();
  const { state } = useLocation();
  const navigate = useNavigate();
  const id = params.get(param);
  const withId = (value: string | null) => (current: URLSearchParams) => {
    const next = new URLSearchParams(current);
    if (value === null) next.delete(param);
    else next.set(param, value);
    return next;
  };
  return {
    id,
    open(next) {
      if (next === id) return;
      if (id === null) setParams(withId(next), { state: { openedHere: true } satisfies OpenedState });
      else setParams(withId(next), { replace: true, state });
    },
    close() {
      if (id === null) return;
      if (openedHere(state)) void navigate(-1);
      else setParams(withId(null), { replace: true });
    },
  };
}
