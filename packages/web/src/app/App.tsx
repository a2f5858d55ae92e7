import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { LoadError, Loading } from '../ui/PageState.tsx';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import type { UserRole } from './viewer.ts';
import { CHANGE_PASSWORD_PATH, firstStepPath, homePath, TWO_FACTOR_PATH } from './viewer.ts';

// Every page is its own chunk: the sign-in page does not download the workbench.
const SignInPage = lazy(() => import('../features/auth/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const EnterpriseShell = lazy(() =>
  import('../features/enterprise/EnterpriseShell.tsx').then((m) => ({ default: m.EnterpriseShell })),
);
const EnterpriseOverviewPage = lazy(() =>
  import('../features/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const ApplicationStatusPage = lazy(() =>
  import('../features/access-application/ApplicationStatusPage.tsx').then((m) => ({
    default: m.ApplicationStatusPage,
  })),
);
const ApplyWizard = lazy(() =>
  import('../features/access-application/ApplyWizard.tsx').then((m) => ({ default: m.ApplyWizard })),
);
const InvitationListPage = lazy(() =>
  import('../features/invitations/InvitationListPage.tsx').then((m) => ({ default: m.InvitationListPage })),
);
const NewInvitationPage = lazy(() =>
  import('../features/invitations/NewInvitationPage.tsx').then((m) => ({ default: m.NewInvitationPage })),
);
const ImportInvitationsPage = lazy(() =>
  import('../features/invitations/ImportInvitationsPage.tsx').then((m) => ({ default: m.ImportInvitationsPage })),
);
const ApiTokensPage = lazy(() =>
  import('../features/invitations/ApiTokensPage.tsx').then((m) => ({ default: m.ApiTokensPage })),
);
const WebhooksPage = lazy(() =>
  import('../features/webhooks/WebhooksPage.tsx').then((m) => ({ default: m.WebhooksPage })),
);
const ResponsesPage = lazy(() =>
  import('../features/invitations/ResponsesPage.tsx').then((m) => ({ default: m.ResponsesPage })),
);
const ResponseDetailPage = lazy(() =>
  import('../features/invitations/ResponsesPage.tsx').then((m) => ({ default: m.ResponseDetailPage })),
);
const MobileConfirmPage = lazy(() =>
  import('../features/invitations/MobileConfirmPage.tsx').then((m) => ({ default: m.MobileConfirmPage })),
);
const ExitPage = lazy(() => import('../features/exit/ExitPage.tsx').then((m) => ({ default: m.ExitPage })));
const CapabilitiesPage = lazy(() =>
  import('../features/capabilities/CapabilitiesPage.tsx').then((m) => ({ default: m.CapabilitiesPage })),
);
const WorkbenchShell = lazy(() =>
  import('../features/workbench/WorkbenchShell.tsx').then((m) => ({ default: m.WorkbenchShell })),
);
const CasePage = lazy(() =>
  import('../features/workbench/case-page/CasePage.tsx').then((m) => ({ default: m.CasePage })),
);
const QueuePage = lazy(() => import('../features/workbench/QueuePage.tsx').then((m) => ({ default: m.QueuePage })));
const BureauDashboardPage = lazy(() =>
  import('../features/workbench/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const WorkbenchHome = lazy(() =>
  import('../features/workbench/QueuePage.tsx').then((m) => ({ default: m.WorkbenchHome })),
);
const AdminShell = lazy(() => import('../features/admin/AdminShell.tsx').then((m) => ({ default: m.AdminShell })));
const AdminAuthoritiesPage = lazy(() =>
  import('../features/admin/AuthoritiesPage.tsx').then((m) => ({ default: m.AuthoritiesPage })),
);
const AdminRegistryPage = lazy(() =>
  import('../features/admin/RegistryPage.tsx').then((m) => ({ default: m.RegistryPage })),
);
const AdminRulesPage = lazy(() =>
  import('../features/admin/ProvinceRulesPage.tsx').then((m) => ({ default: m.ProvinceRulesPage })),
);
const AdminCapabilitiesPage = lazy(() =>
  import('../features/admin/CapabilityCataloguePage.tsx').then((m) => ({ default: m.CapabilityCataloguePage })),
);
const ChangePasswordPage = lazy(() =>
  import('../features/account/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })),
);
const TwoFactorPage = lazy(() =>
  import('../features/account/TwoFactorPage.tsx').then((m) => ({ default: m.TwoFactorPage })),
);
const AdminSecurityLogPage = lazy(() =>
  import('../features/admin/SecurityLogPage.tsx').then((m) => ({ default: m.SecurityLogPage })),
);
const AdminAccountsPage = lazy(() =>
  import('../features/admin/AccountsPage.tsx').then((m) => ({ default: m.AccountsPage })),
);

// Colours that meet WCAG AA contrast (4.5:1) on white, where antd's defaults do not: secondary and placeholder
// text (0.45 alpha, 3.4:1), links (#1677ff, 3.9:1), danger (#ff4d4f, 3.3:1); green tags in index.html.
const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    colorLink: '#1f5fbf',
    colorError: '#c41d1f',
    colorSuccess: '#2f7a0d',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    // orange tags (即将到期, 认领中, 退出中) read orange-7 on orange-1: antd's default orange gives 3.4:1, below WCAG AA
    orange: '#ad4e00',
  },
};

// Toasts open bottom right: at the top right (antd's default) they cover the bell and 退出登录 of the header.
const NOTIFICATION_CONFIG = { placement: 'bottomRight' } as const;

export function App() {
  const { lang } = useI18n();
  // antd's date pickers name months and weekdays through dayjs's global locale
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp notification={NOTIFICATION_CONFIG}>
        <Suspense fallback={<Loading />}>
          <AppRoutes />
        </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route
        path={CHANGE_PASSWORD_PATH}
        element={
          <RequireRole allow="ANY">
            <ChangePasswordPage />
          </RequireRole>
        }
      />
      <Route
        path={TWO_FACTOR_PATH}
        element={
          <RequireRole allow="ANY">
            <TwoFactorPage />
          </RequireRole>
        }
      />
      <Route
        path="/access"
        element={
          <RequireRole allow="ENTERPRISE">
            <EnterpriseShell />
          </RequireRole>
        }
      >
        <Route index element={<Navigate to="overview" replace />} />
        <Route path="overview" element={<EnterpriseOverviewPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="application" element={<ApplicationStatusPage />} />
        <Route path="application/apply" element={<ApplyWizard />} />
        <Route path="exit" element={<ExitPage />} />
        <Route path="capabilities" element={<CapabilitiesPage />} />
        <Route path="invitations" element={<InvitationListPage />} />
        <Route path="invitations/new" element={<NewInvitationPage />} />
        <Route path="invitations/import" element={<ImportInvitationsPage />} />
        <Route path="api-tokens" element={<ApiTokensPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="responses" element={<ResponsesPage />} />
        <Route path="responses/:id" element={<ResponseDetailPage />} />
      </Route>
      <Route
        path="/m/confirm"
        element={
          <RequireRole allow="ENTERPRISE">
            <MobileConfirmPage />
          </RequireRole>
        }
      />
      <Route
        path="/workbench"
        element={
          <RequireRole allow="OFFICER">
            <WorkbenchShell />
          </RequireRole>
        }
      >
        <Route index element={<WorkbenchHome />} />
        <Route path="queue/:step" element={<QueuePage />} />
        <Route path="dashboard" element={<BureauDashboardPage />} />
        <Route path="cases/:id" element={<CasePage kind="ACCESS_APPLICATION" />} />
        <Route path="invitations/:id" element={<CasePage kind="INVITATION" />} />
        <Route path="exits/:id" element={<CasePage kind="EXIT_APPLICATION" />} />
        <Route path="subscriptions/:id" element={<CasePage kind="CAPABILITY_SUBSCRIPTION" />} />
      </Route>
      <Route
        path="/admin"
        element={
          <RequireRole allow="ADMIN">
            <AdminShell />
          </RequireRole>
        }
      >
        <Route index element={<Navigate to="registry" replace />} />
        <Route path="authorities" element={<AdminAuthoritiesPage />} />
        <Route path="registry" element={<AdminRegistryPage />} />
        <Route path="rules" element={<AdminRulesPage />} />
        <Route path="capabilities" element={<AdminCapabilitiesPage />} />
        <Route path="accounts" element={<AdminAccountsPage />} />
        <Route path="security-log" element={<AdminSecurityLogPage />} />
      </Route>
      <Route path="*" element={<Home />} />
    </Routes>
  );
}

function Home() {
  const { viewer, loading } = useAuth();
  if (loading) return <Loading />;
  return <Navigate to={viewer ? homePath(viewer) : '/login'} replace />;
}

/**
 * A page of one role (`ANY`: of every signed-in user); until a required password change, only 修改密码, and until
 * a required enrolment, only 设置双因素认证.
 */
function RequireRole({ allow, children }: { allow: UserRole | 'ANY'; children: ReactNode }) {
  const { viewer, loading, error, retry } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (error) return <LoadError error={error} onRetry={retry} />;
  // remember where the visitor was going (e.g. the mobile 接入确认 link) so sign-in can bring them back
  if (!viewer) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const first = firstStepPath(viewer);
  if (first && location.pathname !== first) return <Navigate to={first} replace />;
  if (allow !== 'ANY' && viewer.role !== allow) return <Navigate to={homePath(viewer)} replace />;
  return <>{children}</>;
}
