import type { SaleStatus, TransactionKind } from '@elk/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A time as the terminal's clock showed it, in its own offset: 2026-12-06T12:30:05+03:00 → «06.12.2026», «12:30:05».
 * The journal shows what the receipt says, wherever the cabinet is opened.
 */
export function terminalClock(iso: string): { date: string; time: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  if (!match) return { date: iso, time: '' };
  const [, year, month, day, hours, minutes, seconds] = match;
  return { date: `${day}.${month}.${year}`, time: `${hours}:${minutes}:${seconds}` };
}

/** 2026-12-06T12:30:05+03:00 → «06.12.2026 12:30», by the terminal's clock. */
export function formatDateTime(iso: string): string {
  const { date, time } = terminalClock(iso);
  return `${date} ${time.slice(0, 5)}`;
}

const QUANTITY = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 3 });

/** 1.5 → «1,5»; 2 → «2». */
export function formatQuantity(quantity: number): string {
  return QUANTITY.format(quantity);
}

/**
 * Text and background of each status's tag, dark enough on their light backgrounds for WCAG AA (antd's preset tag
 * colours are not): Создана blue, В процессе orange, Завершена green, Отменена grey.
 */
const STATUS_COLOURS: Record<SaleStatus, { color: string; background: string }> = {
  created: { color: '#0958d9', background: '#e6f4ff' },
  'in-progress': { color: '#ad4e00', background: '#fff7e6' },
  completed: { color: '#237804', background: '#f6ffed' },
  cancelled: { color: 'rgba(0, 0, 0, 0.65)', background: '#f5f5f5' },
};

const KIND_COLOURS: Record<TransactionKind, { color: string; background: string }> = {
  payment: STATUS_COLOURS.completed,
  refund: { color: '#a8071a', background: '#fff1f0' },
};

function ColouredTag({ colours, children }: { colours: { color: string; background: string }; children: string }) {
  return (
    <Tag style={{ ...colours, borderColor: colours.color, marginInlineEnd: 0 }}>
      {children}
    </Tag>
  );
}

/** Создана / В процессе / Завершена / Отменена as a coloured tag. */
export function SaleStatusTag({ status }: { status: SaleStatus }) {
  const { t } = useTranslation();
  return <ColouredTag colours={STATUS_COLOURS[status]}>{t(`journals.statuses.${status}`)}</ColouredTag>;
}

/** Оплата / Возврат as a coloured tag. */
export function TransactionKindTag({ kind }: { kind: TransactionKind }) {
  const { t } = useTranslation();
  return <ColouredTag colours={KIND_COLOURS[kind]}>{t(`journals.kinds.${kind}`)}</ColouredTag>;
}
