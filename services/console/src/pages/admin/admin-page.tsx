import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DirectoryImport } from './directory-import';
import { ResourceCard } from './resource-card';
import { ADMIN_SECTIONS } from './sections';

/** An admin page: the tenant's settings of one area, read and (where the API makes it easy) edited. */
export function AdminPage() {
  const { t } = useTranslation();
  const { section = '' } = useParams();
  const resources = ADMIN_SECTIONS[section];
  return (
    <div>
      <Typography.Title level={3}>
        {t(`menu.${section === 'access-log' ? 'accessLog' : section}`)}
      </Typography.Title>
      {!resources && <Empty />}
      {section === 'directory' && <DirectoryImport />}
      {resources?.map((resource) => (
        <Card key={resource.key} title={t(`admin.${resource.key}`)} style={{ marginBottom: 16 }}>
          <ResourceCard resource={resource} />
        </Card>
      ))}
    </div>
  );
}
