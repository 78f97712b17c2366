import { t } from '../i18n';
import { ApiError } from './api/client';

export function errorText(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiError) {
    if (error.status === 403) return t('error.forbidden');
    if (error.problem.type === 'https://openwd.org/problems/service-busy' && error.problem.changed === false) return t('error.busy');
    return t('error.generic', { detail: error.problem.detail ?? error.problem.title ?? String(error.status) });
  }
  return t('error.generic', { detail: String(error) });
}
