import { Badge, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Marks a VAWA/T/U-protected record (8 USC 1367): only assigned staff can see it at all. */
export function ProtectedBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('clients.protectedHint')} multiline w={260} events={{ hover: true, focus: true, touch: true }}>
      <Badge
        color="grape"
        variant="light"
        leftSection={<IconLock size={12} aria-hidden="true" />}
        tabIndex={0}
      >
        {t('clients.protected')}
      </Badge>
    </Tooltip>
  );
}
