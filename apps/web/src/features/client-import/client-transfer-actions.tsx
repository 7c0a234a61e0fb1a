import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconUpload } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../session/session-api';
import { exportUrl } from './client-import-api';

/**
 * The clients page's import link and export menu, each shown only to holders of the action. The
 * export is a plain download link: the browser sends the session cookie, and a GET needs no CSRF token.
 */
export function ClientTransferActions() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <>
      {can('client.import') ? (
        <Button variant="default" leftSection={<IconUpload size={18} aria-hidden="true" />} renderRoot={(props) => <Link to="/clients/import" search={{}} {...props} />}>
          {t('clientImport.open')}
        </Button>
      ) : null}
      {can('client.export') ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" leftSection={<IconDownload size={18} aria-hidden="true" />} rightSection={<IconChevronDown size={14} aria-hidden="true" />}>
              {t('clientImport.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('clientImport.exportHelp')}</Menu.Label>
            <Menu.Item renderRoot={(props) => <a href={exportUrl('csv')} download {...props} />}>{t('clientImport.exportCsv')}</Menu.Item>
            <Menu.Item renderRoot={(props) => <a href={exportUrl('xlsx')} download {...props} />}>{t('clientImport.exportXlsx')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </>
  );
}
