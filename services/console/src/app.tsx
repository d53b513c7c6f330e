import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { AdminPage } from './pages/admin/admin-page';
import { DashboardPage } from './pages/analyst/dashboard-page';
import { IntakePage } from './pages/agent/intake-page';
import { ComplaintPage } from './pages/complaint/complaint-page';
import { ComplaintsPage } from './pages/complaint/complaints-page';
import { MyQueuePage } from './pages/handler/my-queue-page';
import { AuditExportPage } from './pages/regulator/audit-export-page';
import { AuditPage } from './pages/regulator/audit-page';
import { ApprovalsPage } from './pages/supervisor/approvals-page';
import { AtRiskPage } from './pages/supervisor/at-risk-page';
import { IncidentsPage } from './pages/supervisor/incidents-page';
import { TeamQueuePage } from './pages/supervisor/team-queue-page';
import { SignedInLayout } from './shell/layout';
import { homeOf } from './shell/menu';
import { SessionProvider, useSession } from './shell/session';
import { SignInPage } from './shell/sign-in';

function Home() {
  const { user } = useSession();
  return <Navigate to={user ? homeOf(user) : '/sign-in'} replace />;
}

/** The console's pages, inside the session and Ant Design's locale of the chosen language. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f5fbf' } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <SessionProvider>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route element={<SignedInLayout />}>
              <Route path="/intake" element={<IntakePage />} />
              <Route path="/complaints" element={<ComplaintsPage />} />
              <Route path="/complaints/:id" element={<ComplaintPage />} />
              <Route path="/queue/mine" element={<MyQueuePage />} />
              <Route path="/queue/team" element={<TeamQueuePage />} />
              <Route path="/at-risk" element={<AtRiskPage />} />
              <Route path="/approvals" element={<ApprovalsPage />} />
              <Route path="/incidents" element={<IncidentsPage />} />
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="/audit/:id" element={<AuditPage />} />
              <Route path="/audit-export" element={<AuditExportPage />} />
              <Route path="/admin/:section" element={<AdminPage />} />
            </Route>
            <Route path="*" element={<Home />} />
          </Routes>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
