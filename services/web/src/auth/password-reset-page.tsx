import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LOGIN_PATH } from '../routes';
import { AuthCard } from './auth-card';
import { ConfirmResetStep } from './confirm-reset-step';
import { RequestCodeStep } from './request-code-step';

/** Step 1 sends an SMS code to the phone; step 2 sets the new password with that code. */
export function PasswordResetPage() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState<string | null>(null);
  return (
    <AuthCard title={t('passwordReset.title')}>
      {phone === null ? <RequestCodeStep onSent={setPhone} /> : <ConfirmResetStep phone={phone} onChangePhone={() => setPhone(null)} />}
      <div style={{ marginTop: 16 }}>
        <Link to={LOGIN_PATH}>{t('passwordReset.backToLogin')}</Link>
      </div>
    </AuthCard>
  );
}
