import { useEffect, type ReactNode } from 'react';
import { Button } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { CONSENT_DATA_CATEGORIES } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { type Consent, consentOptions, type PrintContext, printContextOptions } from './consents-api';
import { clientLocale } from './consent-form-modal';
import { DOCUMENT_TEXT, type DocumentText, documentDate, fill } from './document-text';
import './print.css';

const consentRoute = getRouteApi('/print/clients/$clientId/consents/$consentId/print');
const rightsRoute = getRouteApi('/print/clients/$clientId/rights/print');

/** The screen-only bar (in the staff member's language) and the document (in the client's). */
function PrintFrame({ clientId, text, title, children }: { clientId: string; text: DocumentText; title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;
  useEffect(() => {
    // Also the file name a browser suggests for "Save as PDF".
    document.title = title;
  }, [title]);
  return (
    <>
      <header className="print-toolbar">
        <Button
          variant="subtle"
          leftSection={<BackIcon size={16} aria-hidden="true" />}
          renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId }} {...props} />}
        >
          {t('consents.back')}
        </Button>
        <Button leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => window.print()}>
          {t('consents.print')}
        </Button>
      </header>
      <main>
        <article className="print-document" lang={text.locale} dir={text.dir} aria-label={t('consents.previewLabel')}>
          {children}
        </article>
      </main>
    </>
  );
}

function Signature({ caption, value }: { caption: string; value?: string }) {
  return (
    <div className="print-signature">
      <div className="print-line">{value ?? ''}</div>
      <div className="print-caption">{caption}</div>
    </div>
  );
}

function Box({ checked, text }: { checked: boolean; text: DocumentText }) {
  return (
    <>
      <span className="print-box" aria-hidden="true">
        {checked ? '☒' : '☐'}
      </span>
      <span className="print-visually-hidden">{checked ? text.common.checked : text.common.notChecked}: </span>
    </>
  );
}

function Header({ context, text }: { context: PrintContext; text: DocumentText }) {
  return (
    <dl className="print-meta">
      <dt>{text.common.organization}</dt>
      <dd>{context.organizationName}</dd>
      <dt>{text.common.clientName}</dt>
      <dd>
        {context.client.givenName} {context.client.familyName}
      </dd>
    </dl>
  );
}

function ConsentDocument({ consent, context, text }: { consent: Consent; context: PrintContext; text: DocumentText }) {
  const organization = context.organizationName;
  const client = `${context.client.givenName} ${context.client.familyName}`;
  const recipient =
    consent.recipientKind === 'program'
      ? fill(text.consent.recipientProgram, { recipient: consent.recipientName, organization })
      : fill(text.consent.recipientOrganization, { recipient: consent.recipientName });
  const date = (value: string) => documentDate(value, text.locale);
  return (
    <>
      <h1>{text.consent.title}</h1>
      <Header context={context} text={text} />
      {consent.revokedOn ? (
        <p className="print-notice">{fill(text.consent.revokedNotice, { date: date(consent.revokedOn), reason: consent.revocationReason ?? '' })}</p>
      ) : null}
      <p>{fill(text.consent.intro, { client, organization })}</p>
      <h2>{text.consent.recipientHeading}</h2>
      <p dir="auto">{recipient}</p>
      <h2>{text.consent.purposeHeading}</h2>
      <p dir="auto">{consent.purpose}</p>
      <h2>{text.consent.categoriesHeading}</h2>
      <p>{text.consent.categoriesHelp}</p>
      <ul className="print-checklist">
        {CONSENT_DATA_CATEGORIES.map((category) => (
          <li key={category}>
            <Box checked={consent.dataCategories.includes(category)} text={text} />
            {text.consent.categories[category]}
          </li>
        ))}
      </ul>
      <h2>{text.consent.periodHeading}</h2>
      <p>{fill(text.consent.period, { from: date(consent.signedOn), to: date(consent.expiresOn) })}</p>
      <h2>{text.consent.understandHeading}</h2>
      <ul>
        {text.consent.understand.map((line) => (
          <li key={line}>{fill(line, { organization })}</li>
        ))}
      </ul>
      <h2>{text.consent.signedByHeading}</h2>
      <ul className="print-checklist">
        <li>
          <Box checked={consent.signedBy === 'client'} text={text} />
          {text.consent.signedByClient}
        </li>
        <li>
          <Box checked={consent.signedBy === 'guardian'} text={text} />
          {text.consent.signedByGuardian}
        </li>
      </ul>
      <div className="print-signatures">
        <Signature caption={text.common.printedName} value={consent.signerName} />
        <Signature caption={text.common.date} value={date(consent.signedOn)} />
        <Signature caption={text.common.signature} />
        <Signature caption={text.consent.guardianRelationship} />
        <Signature caption={text.common.staffSignature} />
        <Signature caption={text.common.date} />
        <Signature caption={text.common.interpreter} />
        <Signature caption={text.common.interpreterLanguage} />
      </div>
      <p>{text.consent.copyNotice}</p>
    </>
  );
}

function RightsDocument({ context, text }: { context: PrintContext; text: DocumentText }) {
  const organization = context.organizationName;
  return (
    <>
      <h1>{text.rights.title}</h1>
      <Header context={context} text={text} />
      <p>{fill(text.rights.intro, { organization })}</p>
      <h2>{text.rights.rightsHeading}</h2>
      <ol>
        {text.rights.rights.map((item) => (
          <li key={item.title}>
            <strong>{item.title}.</strong> {item.text}
          </li>
        ))}
      </ol>
      <h2>{text.rights.responsibilitiesHeading}</h2>
      <ol>
        {text.rights.responsibilities.map((item) => (
          <li key={item.title}>
            <strong>{item.title}.</strong> {item.text}
          </li>
        ))}
      </ol>
      <p>{fill(text.rights.acknowledgement, { organization })}</p>
      <div className="print-signatures">
        <Signature caption={text.common.signature} />
        <Signature caption={text.common.date} />
        <Signature caption={text.common.staffSignature} />
        <Signature caption={text.common.date} />
      </div>
    </>
  );
}

function Loading({ queries }: { queries: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }[] }) {
  const { t } = useTranslation();
  const failed = queries.find((q) => q.isError);
  return (
    <main>
      {failed ? (
        isApiError(failed.error) && failed.error.status === 404 ? (
          <EmptyState>{t('consents.printNotFound')}</EmptyState>
        ) : (
          <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
        )
      ) : (
        <LoadingState />
      )}
    </main>
  );
}

function ConsentForm() {
  const { clientId, consentId } = consentRoute.useParams();
  const { lang } = consentRoute.useSearch();
  const consent = useQuery(consentOptions(clientId, consentId));
  const context = useQuery(printContextOptions(clientId));
  if (!consent.data || !context.data) {
    return <Loading queries={[consent, context]} />;
  }
  const text = DOCUMENT_TEXT[lang ?? consent.data.formLanguage];
  return (
    <PrintFrame clientId={clientId} text={text} title={`${text.consent.title} · ${context.data.client.givenName} ${context.data.client.familyName}`}>
      <ConsentDocument consent={consent.data} context={context.data} text={text} />
    </PrintFrame>
  );
}

function RightsStatement() {
  const { clientId } = rightsRoute.useParams();
  const { lang } = rightsRoute.useSearch();
  const context = useQuery(printContextOptions(clientId));
  if (!context.data) {
    return <Loading queries={[context]} />;
  }
  const text = DOCUMENT_TEXT[lang ?? clientLocale(context.data.client)];
  return (
    <PrintFrame clientId={clientId} text={text} title={`${text.rights.title} · ${context.data.client.givenName} ${context.data.client.familyName}`}>
      <RightsDocument context={context.data} text={text} />
    </PrintFrame>
  );
}

/** The consent form in the language chosen for the client (`?lang=`), else the form's own language. */
export function ConsentFormPrintPage() {
  return (
    <RequirePermission anyOf={['client.read']}>
      <ConsentForm />
    </RequirePermission>
  );
}

/** The client rights and responsibilities statement, in `?lang=` or the client's preferred language. */
export function RightsStatementPrintPage() {
  return (
    <RequirePermission anyOf={['client.read']}>
      <RightsStatement />
    </RequirePermission>
  );
}
