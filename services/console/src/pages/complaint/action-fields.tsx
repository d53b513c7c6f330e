import { Button, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldSpec } from './action-spec';
import { remediesOf } from './case-actions';

/** The form field of one field of an action. */
export function ActionField({
  field,
  proposal,
}: {
  readonly field: FieldSpec;
  readonly proposal?: Record<string, unknown> | null;
}) {
  const { t } = useTranslation();
  const label = t(`field.${field.name}`, { defaultValue: field.name });
  const rules = field.required ? [{ required: true, message: t('form.required') }] : [];
  const options = (field.options ?? []).map((value) => ({
    value,
    label: t(`option.${value}`, { defaultValue: value }),
  }));
  switch (field.kind) {
    case 'remedies':
      return (
        <Form.Item label={label} required>
          <Form.List name={field.name}>
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Space key={item.key} align="baseline" wrap>
                    <Form.Item name={[item.name, 'type']} rules={rules}>
                      <Select style={{ width: 180 }} options={options} aria-label={t('field.remedyType')} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'amount']}>
                      <InputNumber min={0} placeholder={t('field.amount')} aria-label={t('field.amount')} />
                    </Form.Item>
                    <Button onClick={() => remove(item.name)}>{t('common.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ type: 'apology' })}>{t('common.addRemedy')}</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      );
    case 'references':
      return (
        <>
          {remediesOf(proposal).map((remedy, index) => (
            <Form.Item
              key={index}
              name={[field.name, String(index)]}
              label={`${label}: ${t(`option.${remedy.type}`, { defaultValue: remedy.type })}`}
              rules={rules}
            >
              <Input placeholder={t('field.reference')} />
            </Form.Item>
          ))}
        </>
      );
    default:
      return (
        <Form.Item
          name={field.name}
          label={label}
          rules={rules}
          valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}
        >
          {field.kind === 'textarea' ? (
            <Input.TextArea rows={3} />
          ) : field.kind === 'select' ? (
            <Select options={options} />
          ) : field.kind === 'tags' ? (
            <Select mode="tags" open={false} />
          ) : field.kind === 'number' ? (
            <InputNumber style={{ width: '100%' }} />
          ) : field.kind === 'boolean' ? (
            <Switch />
          ) : (
            <Input />
          )}
        </Form.Item>
      );
  }
}
