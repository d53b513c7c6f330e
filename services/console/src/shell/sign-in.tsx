import { Button, Card, Form, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Problem } from '../api/http';
import { LanguageSwitch } from './layout';
import { homeOf } from './menu';
import { ProblemAlert, problemOf } from './problem';
import { useSession } from './session';

/** The demo tenant's users (the embedded demo profile of `npm start`), one of each role. */
export const DEMO_USERS: readonly { readonly username: string; readonly role: string }[] = [
  { username: 'agent1', role: 'agent' },
  { username: 'handler1', role: 'handler' },
  { username: 'handler2', role: 'handler' },
  { username: 'supervisor1', role: 'supervisor' },
  { username: 'manager1', role: 'branch_manager' },
  { username: 'director1', role: 'director' },
  { username: 'analyst1', role: 'analyst' },
  { username: 'regulator1', role: 'regulator' },
  { username: 'admin', role: 'admin' },
];

/** Sign-in as a demo user (the demo profile's dev tokens). */
export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const enter = async (username: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const user = await signIn(username.trim());
      void navigate(homeOf(user), { replace: true });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 560, margin: '48px auto', padding: 16 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <LanguageSwitch />
      </Space>
      <Card title={t('signIn.title')}>
        <Typography.Paragraph>{t('signIn.demoUsers')}</Typography.Paragraph>
        {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
        <List
          dataSource={DEMO_USERS}
          renderItem={(user) => (
            <List.Item
              actions={[
                <Button
                  key="sign-in"
                  type="primary"
                  loading={busy}
                  aria-label={`${t('signIn.as')} ${user.username}`}
                  onClick={() => void enter(user.username)}
                >
                  {t('signIn.as')} {user.username}
                </Button>,
              ]}
            >
              <List.Item.Meta title={user.username} description={t(`role.${user.role}`)} />
            </List.Item>
          )}
        />
        <Form layout="inline" onFinish={(values: { username: string }) => void enter(values.username)}>
          <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
