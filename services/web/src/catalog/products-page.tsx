import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Каталог → Все товары until products land: says so, and what already works. */
export function ProductsPage() {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 24 }}>
        {t('catalog.products')}
      </Typography.Title>
      <Empty description={t('catalog.productsComingSoon')} />
    </Card>
  );
}
