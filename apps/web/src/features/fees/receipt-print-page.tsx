import { useEffect } from 'react';
import { Button, Group, NativeSelect } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type Locale, SUPPORTED_LOCALES, todayIn } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { directionOf, i18n, isLocale, NATIVE_LANGUAGE_NAMES } from '../../app/i18n';
import { isolate } from '../../app/ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { documentDate } from '../consents/document-text';
import '../consents/print.css';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { type Receipt, receiptOptions } from './fees-api';

const route = getRouteApi('/print/matters/$matterId/receipts/$paymentId');

/** The calendar day of a moment in the organization's time zone (a void at 10 pm in New York is that day, not the next). */
function organizationDay(iso: string, timeZone: string | undefined): string {
  if (timeZone) {
    try {
      return todayIn(timeZone, new Date(iso));
    } catch {
      // An unknown zone name: the UTC day below.
    }
  }
  return iso.slice(0, 10);
}

/** The receipt itself, every word in the receipt's language (the client's), whatever the reader's. */
function ReceiptDocument({ receipt, locale, timeZone }: { receipt: Receipt; locale: Locale; timeZone: string | undefined }) {
  const t = i18n.getFixedT(locale);
  const money = (cents: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100);
  const office = receipt.organization.office;
  return (
    <>
      <header>
        <p style={{ margin: 0, fontWeight: 700, fontSize: '13pt' }} dir="auto">
          {receipt.organization.name}
        </p>
        {office ? (
          <p style={{ margin: 0 }} dir="auto">
            {[office.name, office.address, office.phone].filter(Boolean).join(' · ')}
          </p>
        ) : null}
      </header>
      <h1>
        {t('fees.receipt.title')} <span dir="ltr">{receipt.receiptNumber}</span>
      </h1>
      {receipt.voided ? (
        <p className="print-notice" role="note">
          {t('fees.receipt.voided')} — {t('fees.receipt.voidedOn', { date: documentDate(organizationDay(receipt.voided.at, timeZone), locale), reason: isolate(receipt.voided.reason) })}
        </p>
      ) : null}
      <dl className="print-meta">
        <dt>{t('fees.receipt.number')}</dt>
        <dd dir="ltr" style={{ textAlign: 'start' }}>
          {receipt.receiptNumber}
        </dd>
        <dt>{t('fees.receipt.date')}</dt>
        <dd>{documentDate(receipt.receivedOn, locale)}</dd>
        <dt>{t('fees.receipt.receivedFrom')}</dt>
        <dd dir="auto">{receipt.client.name}</dd>
        <dt>{t('fees.receipt.matter')}</dt>
        <dd dir="ltr" style={{ textAlign: 'start' }}>
          {receipt.matter.reference}
        </dd>
        <dt>{t('fees.receipt.matterType')}</dt>
        <dd>{t(`fees.matterTypes.${receipt.matter.type}`)}</dd>
        <dt>{t('fees.receipt.amount')}</dt>
        <dd>
          <strong>{money(receipt.amountCents)}</strong>
        </dd>
        <dt>{t('fees.receipt.method')}</dt>
        <dd>{t(`fees.payments.methods.${receipt.method}`)}</dd>
        {receipt.note ? (
          <>
            <dt>{t('fees.receipt.note')}</dt>
            <dd dir="auto">{receipt.note}</dd>
          </>
        ) : null}
        <dt>{t('fees.receipt.receivedBy')}</dt>
        <dd dir="auto">{receipt.receivedBy}</dd>
        <dt>{t('fees.receipt.balanceAfter')}</dt>
        <dd>{money(receipt.balanceAfterCents)}</dd>
      </dl>
      <p>{t('fees.receipt.notGovernment')}</p>
      <p>{t('fees.receipt.thanks')}</p>
      <div className="print-signatures">
        <div className="print-signature">
          <div className="print-line" />
          <div className="print-caption">{t('fees.receipt.signature')}</div>
        </div>
      </div>
    </>
  );
}

function ReceiptPrint() {
  const { t, i18n: reader } = useTranslation();
  const { session } = usePermissions();
  const { matterId, paymentId } = route.useParams();
  const { lang } = route.useSearch();
  const navigate = route.useNavigate();
  const receipt = useQuery(receiptOptions(paymentId));
  const clientLanguage = receipt.data?.client.preferredLanguage;
  const locale: Locale = lang ?? (isLocale(clientLanguage) ? clientLanguage : 'en');
  const BackIcon = reader.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;
  useEffect(() => {
    if (receipt.data) {
      document.title = `${i18n.getFixedT(locale)('fees.receipt.title')} ${receipt.data.receiptNumber}`;
    }
  }, [receipt.data, locale]);

  if (!receipt.data) {
    return (
      <main>
        {receipt.isError ? (
          isApiError(receipt.error) && receipt.error.status === 404 ? (
            <EmptyState>{t('fees.receipt.notFound')}</EmptyState>
          ) : (
            <ErrorState error={receipt.error} onRetry={() => void receipt.refetch()} />
          )
        ) : (
          <LoadingState />
        )}
      </main>
    );
  }
  return (
    <>
      <header className="print-toolbar">
        <Button variant="subtle" component="a" href={`/matters/${encodeURIComponent(matterId)}`} leftSection={<BackIcon size={16} aria-hidden="true" />}>
          {t('fees.receipt.back')}
        </Button>
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label={t('fees.receipt.language')}
            size="xs"
            value={locale}
            onChange={(e) => {
              const next = e.currentTarget.value;
              void navigate({ search: { lang: isLocale(next) ? next : undefined } });
            }}
            data={SUPPORTED_LOCALES.map((code) => ({ value: code, label: NATIVE_LANGUAGE_NAMES[code] }))}
          />
          <Button leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => window.print()}>
            {t('fees.receipt.print')}
          </Button>
        </Group>
      </header>
      <main>
        <article className="print-document" lang={locale} dir={directionOf(locale)} aria-label={t('fees.receipt.previewLabel')}>
          <ReceiptDocument receipt={receipt.data} locale={locale} timeZone={session?.activeOrganization?.timeZone} />
        </article>
      </main>
    </>
  );
}

/** A payment's receipt for the client, in `?lang=` or the client's preferred language. */
export function ReceiptPrintPage() {
  return (
    <RequirePermission anyOf={['matter.read']}>
      <ReceiptPrint />
    </RequirePermission>
  );
}
