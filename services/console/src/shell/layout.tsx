import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { changeLanguage, type Language } from '../i18n';
import { menuOf } from './menu';
import { useSession } from './session';
import { timeZone } from './format';

/** The language switch: zh-CN ⇄ en, one click. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <Segmented<Language>
      aria-label="Language / 语言"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(value) => void changeLanguage(value)}
    />
  );
}

/** The signed-in frame: the role's menu, who is signed in, the language and the time zone. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  const entries = menuOf(user);
  const selected = entries.find((e) => location.pathname.startsWith(e.path))?.path;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208} theme="light">
        <div style={{ padding: 16, fontWeight: 600, fontSize: 18 }}>{t('app.name')}</div>
        <nav aria-label={t('app.menu')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={entries.map((e) => ({ key: e.path, label: <Link to={e.path}>{t(e.label)}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}
        >
          <Space wrap>
            <Typography.Text type="secondary">{t('app.timeZone', { zone: timeZone() })}</Typography.Text>
            <LanguageSwitch />
            <Typography.Text data-testid="signed-in-user">
              {user.displayName} · {user.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join(', ')}
            </Typography.Text>
            <Button onClick={signOut}>{t('app.signOut')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
