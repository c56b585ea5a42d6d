import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAccount } from '../shell/account-context';

interface StoredDraft<T> {
  /** The version of the record the draft was typed over (0 for a new one): a draft of an older version is dropped. */
  version: number;
  values: T;
}

const PREFIX = 'elk.draft';

/** Where a card's draft is kept: per account (two people on one computer keep theirs apart) and per record. */
function storageKey(accountId: string, card: string): string {
  return `${PREFIX}.${accountId}.${card}`;
}

function read<T>(key: string, version: number): T | null {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as StoredDraft<T> | null;
    return stored && stored.version === version ? stored.values : null;
  } catch {
    return null;
  }
}

/**
 * What was typed in a card survives a reload or a closed tab: kept in localStorage while it differs from what the
 * card opened with, offered back when the card opens again («Восстановлен черновик», with «Удалить черновик»), and
 * forgotten on save and when the user closes the card without saving.
 *
 * `card` names the record (`product.new`, `product.<id>`); `version` is the record's version (0 when new).
 */
export function useCardDraft<T extends FieldValues, TOut>(card: string, version: number, { reset, watch, formState }: UseFormReturn<T, unknown, TOut>) {
  const { accountId } = useAccount();
  const key = storageKey(accountId, card);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const draft = read<T>(key, version);
    if (!draft) return;
    reset(draft, { keepDefaultValues: true });
    setRestored(true);
  }, [key, version, reset]);

  useEffect(() => {
    const typed = JSON.stringify(formState.defaultValues);
    const subscription = watch((values) => {
      if (JSON.stringify(values) === typed) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify({ version, values } satisfies StoredDraft<unknown>));
    });
    return () => subscription.unsubscribe();
  }, [key, version, watch, formState.defaultValues]);

  const forget = () => localStorage.removeItem(key);

  const discard = () => {
    forget();
    reset();
    setRestored(false);
  };

  return { restored, forget, discard };
}

/** «Восстановлен черновик» above a card's fields, with «Удалить черновик» (back to what the card opened with). */
export function DraftRestoredAlert({ onDiscard }: { onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      title={t('card.draftRestored')}
      description={t('card.draftRestoredText')}
      action={
        <Button size="small" onClick={onDiscard}>
          {t('card.discardDraft')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
