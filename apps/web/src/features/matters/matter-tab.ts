import type { MatterStatus, MatterType } from '@haven/domain';

/**
 * What every tab of the matter page receives. Tabs live with their area (proceedings, fees,
 * acceptance) and are shown by the matter page (features/matters/matter-page.tsx).
 */
export interface MatterTabProps {
  matterId: string;
  clientId: string;
  matterType: MatterType;
  status: MatterStatus;
  /** The client's preferred language, for documents printed for them (agreement, letters, receipts). */
  clientLanguage: string | null;
  /** A closed or declined matter is read-only: tabs show what was recorded and offer no changes. */
  readOnly: boolean;
}
