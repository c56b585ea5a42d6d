import type { CardPayment, SbpPayment } from '@elk/contracts';
import type { DescriptionsProps } from 'antd';
import type { TFunction } from 'i18next';

/** The bank's details of a card or СБП payment, as rows of a details list (a sale's payment, a transaction). */
export function bankDetailsItems(t: TFunction, card: CardPayment | null, sbp: SbpPayment | null): NonNullable<DescriptionsProps['items']> {
  if (card) {
    return [
      { key: 'card', label: t('journals.card'), children: card.cardMask },
      { key: 'paymentSystem', label: t('journals.paymentSystem'), children: card.paymentSystem },
      { key: 'rrn', label: t('journals.rrn'), children: card.rrn },
      { key: 'authCode', label: t('journals.authCode'), children: card.authCode },
      { key: 'tid', label: t('journals.tid'), children: card.tid },
      { key: 'mid', label: t('journals.mid'), children: card.mid },
      { key: 'bank', label: t('journals.bank'), children: card.bank },
    ];
  }
  if (sbp) {
    return [
      { key: 'sbp', label: t('journals.sbpOperation'), children: sbp.operationId },
      ...(sbp.payerBank ? [{ key: 'payerBank', label: t('journals.payerBank'), children: sbp.payerBank }] : []),
      ...(sbp.tid ? [{ key: 'tid', label: t('journals.tid'), children: sbp.tid }] : []),
    ];
  }
  return [];
}
