import { useEffect } from 'react';
import { Button } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type DefaultAssessmentDomain, isDefaultDomain, type PlanPrintContext } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { EmptyState, ErrorState, LoadingState } from '../../app/ui/states';
import { documentDate, fill } from '../consents/document-text';
import '../consents/print.css';
import { RequirePermission } from '../session/require-permission';
import { PLAN_DOCUMENT_TEXT, type PlanDocumentText } from './plan-document-text';
import { type Plan, planOptions, planPrintContextOptions } from './plans-api';

const route = getRouteApi('/print/cases/$caseId/plans/$planId/print');

function Signature({ caption }: { caption: string }) {
  return (
    <div className="print-signature">
      <div className="print-line" />
      <div className="print-caption">{caption}</div>
    </div>
  );
}

function PlanDocument({ plan, context, text }: { plan: Plan; context: PlanPrintContext; text: PlanDocumentText }) {
  const date = (value: string) => documentDate(value, text.locale);
  const money = (cents: number) => new Intl.NumberFormat(text.locale, { style: 'currency', currency: 'USD' }).format(cents / 100);
  const domainName = (key: string | undefined) => {
    if (!key) {
      return '';
    }
    const domain = context.domains.find((d) => d.key === key);
    if (domain && isDefaultDomain(domain)) {
      return text.domains[key as DefaultAssessmentDomain];
    }
    return domain?.label ?? key;
  };
  const total = plan.budget.reduce((n, b) => n + b.amountCents, 0);
  return (
    <>
      <h1>{text.title}</h1>
      <dl className="print-meta">
        <dt>{text.organization}</dt>
        <dd>{context.organizationName}</dd>
        <dt>{text.program}</dt>
        <dd>{context.programName}</dd>
        <dt>{text.client}</dt>
        <dd>{context.clientName}</dd>
        <dt>{text.caseManager}</dt>
        <dd>{context.caseManagerName}</dd>
        <dt>{text.caseReference}</dt>
        <dd>{context.caseReference}</dd>
        <dt>{text.startsOn}</dt>
        <dd>{date(plan.startsOn)}</dd>
        {plan.reviewOn ? (
          <>
            <dt>{text.reviewOn}</dt>
            <dd>{date(plan.reviewOn)}</dd>
          </>
        ) : null}
        <dt>{text.statusLabel}</dt>
        <dd>{text.status[plan.status]}</dd>
      </dl>
      <p>{text.intro}</p>
      <h2>{text.goalsHeading}</h2>
      {plan.goals.length === 0 ? <p>{text.none}</p> : null}
      {plan.goals.map((goal, g) => (
        <section key={goal.id}>
          <h3>{fill(text.goal, { n: String(g + 1) })}</h3>
          <dl className="print-meta">
            <dt>{text.what}</dt>
            <dd dir="auto">{goal.what}</dd>
            <dt>{text.measure}</dt>
            <dd dir="auto">{goal.measure}</dd>
            <dt>{text.target}</dt>
            <dd dir="auto">{goal.target}</dd>
            <dt>{text.dueOn}</dt>
            <dd>{date(goal.dueOn)}</dd>
            <dt>{text.domain}</dt>
            <dd>{domainName(goal.domain)}</dd>
            {goal.barrier ? (
              <>
                <dt>{text.barrier}</dt>
                <dd dir="auto">{goal.barrier}</dd>
              </>
            ) : null}
            <dt>{text.goalStatus}</dt>
            <dd>{text.goalStatuses[goal.status]}</dd>
          </dl>
          {goal.steps.length > 0 ? (
            <>
              <h4>{text.stepsHeading}</h4>
              <ol>
                {goal.steps.map((step) => (
                  <li key={step.id}>
                    <span dir="auto">{step.what}</span> — {text.owner}: {step.ownerKind === 'other' ? <span dir="auto">{step.ownerName}</span> : text.owners[step.ownerKind]}; {text.dueOn}{' '}
                    {date(step.dueOn)}
                    {step.doneOn ? `; ${text.doneOn} ${date(step.doneOn)}` : ''}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ))}
      <h2>{text.barriersHeading}</h2>
      {plan.barriers.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <ul>
          {plan.barriers.map((b, i) => (
            <li key={i}>
              <span dir="auto">{b.barrier}</span>
              {b.domain ? ` (${domainName(b.domain)})` : ''} — {text.strategy}: <span dir="auto">{b.strategy}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{text.strengthsHeading}</h2>
      {plan.strengths.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <ul>
          {plan.strengths.map((s, i) => (
            <li key={i}>
              <span dir="auto">{s.strength}</span>
              {s.domain ? ` (${domainName(s.domain)})` : ''} — {text.buildOn}: <span dir="auto">{s.buildOn}</span>
            </li>
          ))}
        </ul>
      )}
      {plan.budget.length > 0 ? (
        <>
          <h2>{text.budgetHeading}</h2>
          <ul>
            {plan.budget.map((b, i) => (
              <li key={i}>
                {text.item}: <span dir="auto">{b.item}</span> — {text.fundingSource}: <span dir="auto">{b.fundingSource}</span> — {text.amount}: {money(b.amountCents)}
              </li>
            ))}
          </ul>
          <p>
            <strong>
              {text.total}: {money(total)}
            </strong>
          </p>
        </>
      ) : null}
      <p>{text.agreement}</p>
      <div className="print-signatures">
        <Signature caption={text.clientSignature} />
        <Signature caption={text.date} />
        <Signature caption={text.caseManagerSignature} />
        <Signature caption={text.date} />
        <Signature caption={text.interpreter} />
      </div>
    </>
  );
}

function PlanPrint() {
  const { t, i18n } = useTranslation();
  const { caseId, planId } = route.useParams();
  const { lang } = route.useSearch();
  const plan = useQuery(planOptions(caseId, planId));
  const context = useQuery(planPrintContextOptions(caseId, planId));
  const text = PLAN_DOCUMENT_TEXT[lang ?? context.data?.clientLanguage ?? 'en'];
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;
  useEffect(() => {
    if (context.data) {
      document.title = `${text.title} · ${context.data.clientName}`;
    }
  }, [context.data, text.title]);

  if (!plan.data || !context.data) {
    const failed = [plan, context].find((q) => q.isError);
    return (
      <main>
        {failed ? (
          isApiError(failed.error) && failed.error.status === 404 ? (
            <EmptyState>{t('plans.printNotFound')}</EmptyState>
          ) : (
            <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
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
        <Button
          variant="subtle"
          leftSection={<BackIcon size={16} aria-hidden="true" />}
          renderRoot={(props) => <Link to="/cases/$caseId" params={{ caseId }} {...props} />}
        >
          {t('plans.back')}
        </Button>
        <Button leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => window.print()}>
          {t('plans.print')}
        </Button>
      </header>
      <main>
        <article className="print-document" lang={text.locale} dir={text.dir} aria-label={t('plans.previewLabel')}>
          <PlanDocument plan={plan.data} context={context.data} text={text} />
        </article>
      </main>
    </>
  );
}

/** The plan for signature, in `?lang=` or the client's preferred language, whatever the reader's. */
export function PlanPrintPage() {
  return (
    <RequirePermission anyOf={['case.read']}>
      <PlanPrint />
    </RequirePermission>
  );
}
