/**
 * What every tab of the case page receives. Tabs live with their area (assessments, plans,
 * case-notes, case-services, case-documents, tasks, risk-flags) and are shown by the case page.
 */
export interface CaseTabProps {
  caseId: string;
  clientId: string;
  /** The client's preferred language, for documents printed for them. */
  clientLanguage: string | null;
  /** A closed case is read-only: tabs show what was recorded and offer no changes. */
  readOnly: boolean;
}
