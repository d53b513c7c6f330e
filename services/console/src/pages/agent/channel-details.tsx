import { DatePicker, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';

/** The channel's own fields (OpenAPI `channelDetails`): which the channel has, and which it requires. */
export const CHANNEL_FIELDS: Readonly<
  Partial<Record<Channel, readonly { name: string; required: boolean; kind: 'text' | 'date' | 'time' }[]>>
> = {
  gov_hotline_12345: [
    { name: 'externalOrderNo', required: true, kind: 'text' },
    { name: 'transferredAt', required: true, kind: 'time' },
    { name: 'governmentDeadline', required: true, kind: 'time' },
  ],
  gov_12315: [
    { name: 'externalOrderNo', required: true, kind: 'text' },
    { name: 'transferredAt', required: true, kind: 'time' },
    { name: 'governmentDeadline', required: true, kind: 'time' },
  ],
  media: [
    { name: 'outlet', required: true, kind: 'text' },
    { name: 'link', required: true, kind: 'text' },
  ],
  walk_in: [{ name: 'receptionPoint', required: true, kind: 'text' }],
  letter: [{ name: 'letterReceivedOn', required: true, kind: 'date' }],
  transfer: [
    { name: 'fromOrganisation', required: true, kind: 'text' },
    { name: 'externalOrderNo', required: false, kind: 'text' },
  ],
  social_media: [
    { name: 'platform', required: false, kind: 'text' },
    { name: 'account', required: false, kind: 'text' },
  ],
};

/** The form fields of the chosen channel's details. */
export function ChannelDetailsFields({ channel }: { readonly channel: Channel | undefined }) {
  const { t } = useTranslation();
  const fields = channel ? (CHANNEL_FIELDS[channel] ?? []) : [];
  return (
    <>
      {fields.map((field) => (
        <Form.Item
          key={`${channel}-${field.name}`}
          name={['channelDetails', field.name]}
          label={t(`intake.details.${field.name}`)}
          rules={[{ required: field.required, message: t('form.required') }]}
        >
          {field.kind === 'text' ? (
            <Input />
          ) : (
            <DatePicker showTime={field.kind === 'time'} style={{ width: '100%' }} />
          )}
        </Form.Item>
      ))}
    </>
  );
}
