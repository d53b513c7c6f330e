import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Problem, request } from '../../api/http';
import { CHANNELS, EMOTIONS, type RegistrationResult, SUBJECT_TYPES } from '../../api/types';
import { ProblemAlert, problemOf, showFieldErrors } from '../../shell/problem';
import { useUser } from '../../shell/session';
import { ChannelDetailsFields } from './channel-details';
import { type IntakeValues, registrationBody } from './registration-body';
import { RegistrationOutcome } from './registration-outcome';

/** The agent's intake form: every channel and its details, on-the-spot resolution, and the outcome. */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [form] = Form.useForm<IntakeValues>();
  const channel = Form.useWatch('channel', form);
  const onTheSpot = Form.useWatch('onTheSpot', form);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<RegistrationResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const submit = async (values: IntakeValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const reply = await request<RegistrationResult>('/api/v1/complaints', {
        method: 'POST',
        body: registrationBody(values),
        headers: { 'idempotency-key': idempotencyKey },
      });
      setResult(reply.body);
    } catch (error) {
      const found = problemOf(error);
      showFieldErrors(form, found, i18n.language);
      setProblem(found);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    form.resetFields();
    setResult(null);
    setIdempotencyKey(crypto.randomUUID());
  };

  if (result) return <RegistrationOutcome result={result} onNext={again} />;
  return (
    <Card title={<Typography.Title level={3}>{t('intake.title')}</Typography.Title>}>
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        initialValues={{
          channel: 'hotline',
          branchId: user.branchScope[0],
          subject: { type: 'service' },
          complainantCount: 1,
        }}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="channel" label={t('intake.channel')} rules={[{ required: true }]}>
              <Select options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="branchId" label={t('intake.branch')} rules={[{ required: true }]}>
              <Select
                showSearch
                options={user.branchScope.map((b) => ({
                  value: b,
                  label: t(`branch.${b}`, { defaultValue: b }),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="emotion" label={t('intake.emotion')}>
              <Select allowClear options={EMOTIONS.map((e) => ({ value: e, label: t(`emotion.${e}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <ChannelDetailsFields channel={channel} />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name={['complainant', 'name']}
              label={t('intake.complainantName')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['complainant', 'phone']} label={t('intake.phone')}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['complainant', 'email']} label={t('intake.email')}>
              <Input inputMode="email" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name={['subject', 'type']}
              label={t('intake.subjectType')}
              rules={[{ required: true }]}
            >
              <Select options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`subject.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['subject', 'name']} label={t('intake.subjectName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="occurredAt" label={t('intake.occurredAt')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={t('intake.description')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="location" label={t('intake.location')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="expectedRemedy" label={t('intake.expectedRemedy')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="complainantCount" label={t('intake.complainantCount')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="language" label={t('intake.language')}>
              <Select
                allowClear
                options={[
                  { value: 'zh', label: '中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="onTheSpot" label={t('intake.onTheSpot')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {onTheSpot && (
          <Form.Item
            name="remedy"
            label={t('intake.remedy')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('intake.submit')}
        </Button>
      </Form>
    </Card>
  );
}
