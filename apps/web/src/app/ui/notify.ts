import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n';

/** Notifications with a translated close button name (Mantine's has none: axe "critical"). */
export function notifySuccess(message: string): void {
  notifications.show({
    message,
    color: 'blue',
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}

export function notifyError(message: string): void {
  notifications.show({
    message,
    color: 'red',
    autoClose: 8000,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
