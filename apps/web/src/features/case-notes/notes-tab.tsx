import type { CaseTabProps } from '../cases/case-tab';

/** Placeholder until this area's tab is built; the case page shows nothing for it yet. */
export function NotesTab(_props: CaseTabProps) {
  return null;
}
