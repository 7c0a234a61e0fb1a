import { IconHomeShield } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import classes from './layout.module.css';

export function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className={classes.brand}>
      <IconHomeShield size={24} aria-hidden="true" color="var(--mantine-color-blue-8)" />
      {t('app.name')}
    </Link>
  );
}
