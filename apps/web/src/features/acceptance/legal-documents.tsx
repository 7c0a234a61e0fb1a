import { useEffect, type ReactNode } from 'react';
import { Button } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Locale } from '@haven/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { directionOf } from '../../app/i18n';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { documentDate } from '../consents/document-text';
import '../consents/print.css';
import { ruleDeadlineTitle } from '../matters/deadline-labels';
import { RequirePermission } from '../session/require-permission';
import { type MatterAcceptance, matterAcceptanceOptions } from './acceptance-api';

type DocumentKind = 'agreement' | 'declination' | 'closing';

const routes = {
  agreement: getRouteApi('/print/matters/$matterId/agreement'),
  declination: getRouteApi('/print/matters/$matterId/declination-letter'),
  closing: getRouteApi('/print/matters/$matterId/closing-letter'),
} as const;

interface DocProps {
  data: MatterAcceptance;
  /** The translation function fixed to the document's language. */
  d: TFunction;
  locale: Locale;
}

const money = (cents: number, locale: Locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100);

function Signature({ caption }: { caption: string }) {
  return (
    <div className="print-signature">
      <div className="print-line" />
      <div className="print-caption">{caption}</div>
    </div>
  );
}

/** The letterhead: the organization, the date, the client as the letter is addressed, the subject. */
function LetterHead({ data, d, locale, date, title }: DocProps & { date: string; title: string }) {
  return (
    <>
      <p>
        <strong>{data.organization.name}</strong>
        <br />
        {data.matter.program.name}
      </p>
      <p>{documentDate(date, locale)}</p>
      <address style={{ fontStyle: 'normal' }}>
        <span dir="auto">{data.client.name}</span>
        {data.client.addressLines.map((line, i) => (
          <span key={i}>
            <br />
            <span dir="auto">{line}</span>
          </span>
        ))}
      </address>
      <h1>{title}</h1>
      <p>
        <strong>{d('acceptance.doc.declination.subject', { reference: data.matter.reference, type: d(`acceptance.doc.matterTypes.${data.matter.type}`) })}</strong>
      </p>
      <p>{d('acceptance.doc.dear', { name: data.client.name })}</p>
    </>
  );
}

/** The deadlines still open, each named in the letter's language (a manual one as staff typed it). */
function Deadlines({ data, d, locale, heading, intro, none }: DocProps & { heading: string; intro: string; none: string }) {
  return (
    <>
      <h2>{heading}</h2>
      {data.openDeadlines.length === 0 ? (
        <p>{none}</p>
      ) : (
        <>
          <p>{intro}</p>
          <ul>
            {data.openDeadlines.map((deadline, i) => (
              <li key={i}>
                <strong>{documentDate(deadline.dueOn, locale)}</strong> — <span dir="auto">{ruleDeadlineTitle(d, deadline.ruleId, deadline.title)}</span>
                {deadline.citation ? <span className="ltr-value"> ({deadline.citation})</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Contact({ data, d, text }: DocProps & { text: string }) {
  return (
    <>
      <h2>{d('acceptance.doc.contactHeading')}</h2>
      <p>{text}</p>
      {data.organization.offices.length === 0 ? (
        <p>{d('acceptance.doc.noOffices')}</p>
      ) : (
        <ul>
          {data.organization.offices.map((office, i) => (
            <li key={i}>
              <strong>{office.name}</strong>
              {office.address ? (
                <>
                  {' — '}
                  <span style={{ whiteSpace: 'pre-line' }}>{office.address}</span>
                </>
              ) : null}
              {office.phone ? (
                <>
                  {' — '}
                  <span className="ltr-value">{office.phone}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AgreementDocument({ data, d, locale }: DocProps) {
  const agreement = data.agreement!;
  const people = (
    <dl className="print-meta">
      <dt>{d('acceptance.doc.client')}</dt>
      <dd dir="auto">{data.client.name}</dd>
      <dt>{d('acceptance.doc.organization')}</dt>
      <dd>{data.organization.name}</dd>
      <dt>{d('acceptance.doc.program')}</dt>
      <dd>{data.matter.program.name}</dd>
      {data.matter.representative ? (
        <>
          <dt>{d('acceptance.doc.representative')}</dt>
          <dd>{data.matter.representative.name}</dd>
        </>
      ) : null}
      {data.matter.supervisingAttorney ? (
        <>
          <dt>{d('acceptance.doc.supervisingAttorney')}</dt>
          <dd>{data.matter.supervisingAttorney.name}</dd>
        </>
      ) : null}
      <dt>{d('acceptance.doc.matterType')}</dt>
      <dd>{d(`acceptance.doc.matterTypes.${data.matter.type}`)}</dd>
      <dt>{d('acceptance.doc.reference')}</dt>
      <dd className="ltr-value">{data.matter.reference}</dd>
      <dt>{d('acceptance.doc.prepared')}</dt>
      <dd>{documentDate(agreement.generatedAt.slice(0, 10), locale)}</dd>
    </dl>
  );
  const a = (key: string) => d(`acceptance.doc.agreement.${key}` as 'acceptance.doc.agreement.title');
  return (
    <>
      <h1>{a('title')}</h1>
      <p>{d('acceptance.doc.agreement.intro', { client: data.client.name, organization: data.organization.name })}</p>
      <h2>{a('partiesHeading')}</h2>
      {people}
      <h2>{a('scopeHeading')}</h2>
      <p dir="auto" style={{ whiteSpace: 'pre-line' }}>
        {agreement.scope}
      </p>
      <h2>{a('notIncludedHeading')}</h2>
      <p>{a('notIncluded')}</p>
      <h2>{a('feeHeading')}</h2>
      <p>{agreement.feeCents > 0 ? d('acceptance.doc.agreement.fee', { fee: money(agreement.feeCents, locale) }) : a('noFee')}</p>
      {agreement.feeNote ? <p dir="auto">{d('acceptance.doc.agreement.paymentTerms', { terms: agreement.feeNote })}</p> : null}
      <p>{a('governmentFees')}</p>
      <h2>{a('clientHeading')}</h2>
      <ul>
        {[1, 2, 3, 4, 5, 6].map((n) => (
          <li key={n}>{a(`client${n}`)}</li>
        ))}
      </ul>
      <h2>{a('orgHeading')}</h2>
      <ul>
        {[1, 2, 3, 4, 5, 6].map((n) => (
          <li key={n}>{a(`org${n}`)}</li>
        ))}
      </ul>
      <h2>{a('endingHeading')}</h2>
      <p>{a('ending')}</p>
      <h2>{a('confidentialityHeading')}</h2>
      <p>{a('confidentiality')}</p>
      <p>{a('understanding')}</p>
      {agreement.signed && agreement.clientSignedOn && agreement.orgSignedOn ? (
        <p>
          <strong>
            {d('acceptance.doc.agreement.signedRecord', {
              client: documentDate(agreement.clientSignedOn, locale),
              name: agreement.orgSignedBy?.name ?? '',
              org: documentDate(agreement.orgSignedOn, locale),
            })}
          </strong>
        </p>
      ) : null}
      <div className="print-signatures">
        <Signature caption={a('clientSignature')} />
        <Signature caption={d('acceptance.doc.date')} />
        <Signature caption={a('orgSignature')} />
        <Signature caption={d('acceptance.doc.date')} />
        <Signature caption={a('interpreter')} />
      </div>
    </>
  );
}

function DeclinationDocument({ data, d, locale }: DocProps) {
  const decision = data.decision!;
  return (
    <>
      <LetterHead data={data} d={d} locale={locale} date={decision.decidedAt.slice(0, 10)} title={d('acceptance.doc.declination.title')} />
      <p>{d('acceptance.doc.declination.body1', { organization: data.organization.name })}</p>
      <p>
        <strong>{d('acceptance.doc.declination.body2')}</strong>
      </p>
      <Deadlines
        data={data}
        d={d}
        locale={locale}
        heading={d('acceptance.doc.declination.deadlinesHeading')}
        intro={d('acceptance.doc.declination.deadlinesIntro')}
        none={d('acceptance.doc.declination.noDeadlines')}
      />
      <p>{d('acceptance.doc.declination.otherHelp')}</p>
      <p>{d('acceptance.doc.declination.documents')}</p>
      <Contact data={data} d={d} locale={locale} text={d('acceptance.doc.closingLetter.contact', { program: data.matter.program.name })} />
      <p>{d('acceptance.doc.sincerely')}</p>
      <Signature caption={`${decision.decidedBy.name} — ${d('acceptance.doc.supervisingAttorney')}`} />
    </>
  );
}

function ClosingDocument({ data, d, locale }: DocProps) {
  const closing = data.closing!;
  const signer = data.matter.representative ?? closing.closedBy;
  return (
    <>
      <LetterHead data={data} d={d} locale={locale} date={closing.closedOn} title={d('acceptance.doc.closingLetter.title')} />
      <p>{d('acceptance.doc.closingLetter.body', { date: documentDate(closing.closedOn, locale) })}</p>
      <h2>{d('acceptance.doc.closingLetter.outcomeHeading')}</h2>
      <p>{d(`acceptance.doc.closingLetter.outcomes.${closing.reason}`, { detail: closing.reasonDetail ?? '' })}</p>
      <p dir="auto" style={{ whiteSpace: 'pre-line' }}>
        {closing.summary}
      </p>
      <h2>{d('acceptance.doc.closingLetter.keepHeading')}</h2>
      <p>{d('acceptance.doc.closingLetter.keep')}</p>
      <Deadlines
        data={data}
        d={d}
        locale={locale}
        heading={d('acceptance.doc.closingLetter.deadlinesHeading')}
        intro={d('acceptance.doc.closingLetter.deadlinesIntro')}
        none={d('acceptance.doc.closingLetter.noDeadlines')}
      />
      <p>{d('acceptance.doc.closingLetter.address')}</p>
      <Contact data={data} d={d} locale={locale} text={d('acceptance.doc.closingLetter.contact', { program: data.matter.program.name })} />
      <p>{d('acceptance.doc.closingLetter.retention', { date: documentDate(closing.retentionUntil, locale) })}</p>
      <p>{d('acceptance.doc.sincerely')}</p>
      <Signature caption={signer.name} />
    </>
  );
}

/** Which language the document is in, and whether the matter has one to print. */
function documentOf(kind: DocumentKind, data: MatterAcceptance): { language: Locale; ready: boolean } {
  switch (kind) {
    case 'agreement':
      return { language: data.agreement?.language ?? data.client.documentLanguage, ready: data.agreement !== null };
    case 'declination':
      return { language: data.client.documentLanguage, ready: data.decision?.outcome === 'declined' };
    case 'closing':
      return { language: data.closing?.letterLanguage ?? data.client.documentLanguage, ready: data.closing !== null };
  }
}

const BODIES: Record<DocumentKind, (props: DocProps) => ReactNode> = {
  agreement: AgreementDocument,
  declination: DeclinationDocument,
  closing: ClosingDocument,
};

function LegalDocument({ kind }: { kind: DocumentKind }) {
  const { t, i18n } = useTranslation();
  const { matterId } = routes[kind].useParams();
  const { lang } = routes[kind].useSearch();
  const query = useQuery(matterAcceptanceOptions(matterId));
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;
  const doc = query.data ? documentOf(kind, query.data) : null;
  const language = lang ?? doc?.language ?? 'en';
  const d = i18n.getFixedT(language);
  const title = d(kind === 'agreement' ? 'acceptance.doc.agreement.title' : kind === 'declination' ? 'acceptance.doc.declination.title' : 'acceptance.doc.closingLetter.title');
  useEffect(() => {
    if (query.data) {
      document.title = `${title} · ${query.data.matter.reference}`;
    }
  }, [query.data, title]);

  if (!query.data || !doc) {
    return (
      <main>
        {query.isError ? (
          isApiError(query.error) && query.error.status === 404 ? (
            <EmptyState>{t('acceptance.print.notFound')}</EmptyState>
          ) : (
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          )
        ) : (
          <LoadingState />
        )}
      </main>
    );
  }
  const Body = BODIES[kind];
  return (
    <>
      <header className="print-toolbar">
        <Button variant="subtle" leftSection={<BackIcon size={16} aria-hidden="true" />} onClick={() => window.history.back()}>
          {t('acceptance.print.back')}
        </Button>
        {doc.ready ? (
          <Button leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => window.print()}>
            {t('acceptance.print.print')}
          </Button>
        ) : null}
      </header>
      <main>
        {doc.ready ? (
          <article className="print-document" lang={language} dir={directionOf(language)} aria-label={t('acceptance.print.previewLabel')}>
            <Body data={query.data} d={d} locale={language} />
          </article>
        ) : (
          <EmptyState>{t('acceptance.print.notFound')}</EmptyState>
        )}
      </main>
    </>
  );
}

/** The client services agreement, in the language it was prepared in (or `?lang=`). */
export function AgreementPrintPage() {
  return (
    <RequirePermission anyOf={['matter.read']}>
      <LegalDocument kind="agreement" />
    </RequirePermission>
  );
}

/** The letter telling a person the program cannot take their matter, in their language. */
export function DeclinationLetterPrintPage() {
  return (
    <RequirePermission anyOf={['matter.read']}>
      <LegalDocument kind="declination" />
    </RequirePermission>
  );
}

/** The closing letter, in the language chosen at closing (or `?lang=`). */
export function ClosingLetterPrintPage() {
  return (
    <RequirePermission anyOf={['matter.read']}>
      <LegalDocument kind="closing" />
    </RequirePermission>
  );
}
