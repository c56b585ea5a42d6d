import { App, Modal } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

/** What a card's form tells the card around it, and how it asks to be closed. */
interface CardControl {
  /** The form holds input not yet saved; `onDiscard` runs when the user agrees to lose it (a draft to forget). */
  setDirty: (dirty: boolean, onDiscard?: () => void) => void;
  /** Отмена, Закрыть: closes at once when nothing was typed, asks first otherwise. */
  requestClose: () => void;
}

const CardContext = createContext<CardControl | null>(null);

interface CardModalProps {
  open: boolean;
  title: ReactNode;
  width?: number;
  /** Closes the card (after a save, or once the user agreed to lose what was typed). */
  onClose: () => void;
  children: ReactNode;
}

/**
 * Every card of the cabinet: an antd Modal whose Escape, click outside, ✕ and Отмена ask «Закрыть без сохранения?»
 * while its form holds unsaved input (the form says so with `useUnsavedInput`), and close at once otherwise.
 */
export function CardModal({ open, title, width, onClose, children }: CardModalProps) {
  const confirmDiscard = useConfirmDiscard();
  const dirty = useRef<{ dirty: boolean; onDiscard?: () => void }>({ dirty: false });
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  const requestClose = useCallback(() => {
    const { dirty: unsaved, onDiscard } = dirty.current;
    if (!unsaved) {
      closeRef.current();
      return;
    }
    void confirmDiscard().then((discard) => {
      if (!discard) return;
      onDiscard?.();
      dirty.current = { dirty: false };
      closeRef.current();
    });
  }, [confirmDiscard]);

  const control = useMemo<CardControl>(
    () => ({
      setDirty: (unsaved, onDiscard) => {
        dirty.current = { dirty: unsaved, onDiscard };
      },
      requestClose,
    }),
    [requestClose],
  );

  return (
    <Modal open={open} title={title} onCancel={requestClose} footer={null} destroyOnHidden width={width}>
      <CardContext value={control}>{children}</CardContext>
    </Modal>
  );
}

/** Отмена / Закрыть of the card around: asks first when the form holds unsaved input. */
export function useCloseCard(): () => void {
  const card = useContext(CardContext);
  if (!card) throw new Error('useCloseCard is used outside a CardModal');
  return card.requestClose;
}

/**
 * Called by a card's form with whether it holds unsaved input: the card then asks before closing, and so do a
 * reload, a closed tab (the browser's own question) and a move to another page of the cabinet.
 */
export function useUnsavedInput(dirty: boolean, onDiscard?: () => void): void {
  const card = useContext(CardContext);
  const confirmDiscard = useConfirmDiscard();
  const discardRef = useRef(onDiscard);
  discardRef.current = onDiscard;

  useEffect(() => {
    card?.setDirty(dirty, () => discardRef.current?.());
  }, [card, dirty]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    void confirmDiscard().then((discard) => {
      if (!discard) {
        blocker.reset();
        return;
      }
      discardRef.current?.();
      blocker.proceed();
    });
  }, [blocker, confirmDiscard]);
}

/** «Закрыть без сохранения?»: resolves true when the user lets what was typed go. */
function useConfirmDiscard(): () => Promise<boolean> {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const asking = useRef<Promise<boolean> | null>(null);
  return useCallback(() => {
    // Escape pressed twice asks once.
    asking.current ??= new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('card.discardTitle'),
        content: t('card.discardText'),
        okText: t('card.discard'),
        okButtonProps: { danger: true },
        cancelText: t('card.keepEditing'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    }).finally(() => {
      asking.current = null;
    });
    return asking.current;
  }, [modal, t]);
}
