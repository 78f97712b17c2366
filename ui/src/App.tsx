import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { t } from './i18n';
import { csrfToken } from './shared/api/client';
import { isProcessOwner, isSupervisor, isWorker, useSession } from './shared/api/session';
import { LiveProvider } from './shared/live/LiveProvider';
import { LiveBanner } from './shared/live/LiveBanner';
import { InboxPage } from './features/inbox/InboxPage';
import { SupervisorPage } from './features/supervisor/SupervisorPage';
import { TaskListPage } from './features/supervisor/TaskListPage';
import { OwnerPage } from './features/owner/OwnerPage';

export function App() {
  const session = useSession();
  if (session.isPending) return <p className="loading">{t('live.connecting')}</p>;
  if (session.isError || !session.data) return <p className="loading">{t('error.generic', { detail: String(session.error) })}</p>;
  const supervisor = isSupervisor(session.data);
  const worker = isWorker(session.data);
  const owner = isProcessOwner(session.data);
  const home = worker && !supervisor ? '/inbox' : supervisor ? '/supervisor' : owner ? '/owner' : '/inbox';
  return (
    <LiveProvider supervisor={supervisor}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')}>
          {worker && <NavLink to="/inbox">{t('nav.inbox')}</NavLink>}
          {supervisor && <NavLink to="/supervisor" end>{t('nav.supervisor')}</NavLink>}
          {supervisor && <NavLink to="/supervisor/tasks">{t('nav.tasks')}</NavLink>}
          {owner && <NavLink to="/owner">{t('nav.rules')}</NavLink>}
        </nav>
        <span className="who">{t('nav.signedInAs', { user: session.data.username })}</span>
        <form method="post" action="/logout" className="logout">
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <button type="submit" className="link">{t('nav.logout')}</button>
        </form>
      </header>
      <LiveBanner />
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<Navigate to={home} replace />} />
          <Route path="/inbox" element={<InboxPage />} />
          {supervisor && <Route path="/supervisor" element={<SupervisorPage />} />}
          {supervisor && <Route path="/supervisor/tasks" element={<TaskListPage />} />}
          {owner && <Route path="/owner" element={<OwnerPage />} />}
          <Route path="*" element={<Navigate to={home} replace />} />
        </Routes>
      </main>
    </LiveProvider>
  );
}

