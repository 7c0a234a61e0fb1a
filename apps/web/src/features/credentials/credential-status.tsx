import { Badge } from '@mantine/core';
import type { CredentialStatus } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/ui/format';

/** Colour backs the words, never replaces them (WCAG 1.4.1): each badge says its status. */
const COLORS: Record<CredentialStatus | 'none', string> = { valid: 'teal.9', expiring: 'orange.9', expired: 'red.9', inactive: 'gray.8', none: 'gray.8' };

export function CredentialStatusBadge({ status }: { status: CredentialStatus | 'none' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} tt="none">
      {t(`credentials.statuses.${status}`)}
    </Badge>
  );
}

/**
 * "12 Jan 2027 · Days left: 45", "… · Days since expiry: 3", or "No expiry"; for an accreditation
 * whose renewal was filed on time, also "Renewal filed on …: accredited while EOIR decides".
 */
export function ExpiryText({ expiresOn, daysToExpiry, renewalFiledOn }: { expiresOn: string | null; daysToExpiry: number | null; renewalFiledOn?: string | null }) {
  const { t } = useTranslation();
  if (!expiresOn || daysToExpiry === null) {
    return <>{t('credentials.noExpiry')}</>;
  }
  let distance: string;
  if (daysToExpiry === 0) {
    distance = t('credentials.expiresToday');
  } else if (daysToExpiry < 0) {
    distance = t('credentials.expiredAgo', { count: -daysToExpiry });
  } else {
    distance = t('credentials.daysLeft', { count: daysToExpiry });
  }
  return (
    <>
      {formatCalendarDate(expiresOn)} · {distance}
      {renewalFiledOn && renewalFiledOn <= expiresOn ? <> · {t('credentials.renewalFiled', { date: formatCalendarDate(renewalFiledOn) })}</> : null}
    </>
  );
}
