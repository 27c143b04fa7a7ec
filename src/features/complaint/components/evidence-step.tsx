import { useMemo, type ReactNode } from 'react';
import { Controller, useFieldArray, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateTimeInput, Field } from '@/components/ui';
import type { Attachment } from '@/api/schemas';
import { useLatestNow } from '../api/complaint-api';
import { emptyCall, emptyEmail, emptyReference, emptyStaff, evidenceResolverSchema, type EvidenceForm } from '../model/form';
import { errorAt, fieldId, flattenErrors, summaryItems, type FlatError } from './form-errors';
import { FilesSection } from './files-section';
import { StepLayout, ContinueButton } from './step-layout';
import { useStepForm } from './use-step-form';
import type { StepProps } from './step-props';
import type enComplaint from '@locales/en/complaint.json';
import { oneOf } from '@/lib/one-of';

const groups = ['references', 'staff', 'calls', 'emails'] as const;
type Group = (typeof groups)[number];
const isGroup = oneOf(groups);

/** A label under complaint:evidence.fields. */
type FieldLabel = keyof (typeof enComplaint)['evidence']['fields'];

/** The label of each field of an item, by its name in the form. */
const fieldLabels = {
  reference: 'reference',
  note: 'note',
  name: 'staffName',
  team: 'team',
  at: 'callAt',
  fromNumber: 'fromNumber',
  spokeTo: 'spokeTo',
  whatWasSaid: 'whatWasSaid',
  sentAt: 'sentAt',
  toAddress: 'toAddress',
  subject: 'subject',
} as const satisfies Record<string, FieldLabel>;
const hasFieldLabel = (field: string | undefined): field is keyof typeof fieldLabels => field !== undefined && Object.hasOwn(fieldLabels, field);

interface GroupProps {
  control: Control<EvidenceForm, unknown, unknown>;
  register: UseFormRegister<EvidenceForm>;
  errors: FlatError[];
}

function ItemFrame({ group, index, onRemove, children }: { group: Group; index: number; onRemove: () => void; children: ReactNode }) {
  const { t } = useTranslation('complaint');
  const name = t(`evidence.${group}.item`, { number: index + 1 });
  return (
    <fieldset className="evidence-item">
      <legend>{name}</legend>
      {children}
      <button type="button" className="button button-secondary button-remove" onClick={onRemove}>
        {t('evidence.remove')}
        <span className="visually-hidden"> {name}</span>
      </button>
    </fieldset>
  );
}

function useText(register: UseFormRegister<EvidenceForm>, errors: FlatError[]) {
  const { t } = useTranslation(['complaint', 'validation']);
  return (path: `${Group}.${number}.${string}`, labelKey: FieldLabel, opts: { optional?: boolean; textarea?: boolean; type?: string; hint?: string; className?: string } = {}) => {
    const label = t(`complaint:evidence.fields.${labelKey}`);
    return (
      <Field id={fieldId(path)} label={opts.optional ? t('complaint:optional', { label }) : label} hint={opts.hint} error={errorAt(t, errors, path)}>
        {(aria) =>
          opts.textarea ? (
            <textarea rows={3} {...aria} {...register(path as never)} />
          ) : (
            <input type={opts.type ?? 'text'} className={opts.className} spellCheck={false} {...aria} {...register(path as never)} />
          )
        }
      </Field>
    );
  };
}

function GroupSection({ group, count, onAdd, children }: { group: Group; count: number; onAdd: () => void; children: ReactNode }) {
  const { t } = useTranslation('complaint');
  return (
    <section className="evidence-group" aria-labelledby={`evidence-${group}-heading`}>
      <h2 id={`evidence-${group}-heading`}>{t(`evidence.${group}.heading`)}</h2>
      <p className="field-hint">{t(`evidence.${group}.hint`)}</p>
      {children}
      <button type="button" className="button button-secondary" onClick={onAdd}>
        {t(count === 0 ? `evidence.${group}.add` : `evidence.${group}.addAnother`)}
      </button>
    </section>
  );
}

function DateGroup({ control, name, errors, withTime, legendKey }: GroupProps & { name: `calls.${number}.at` | `emails.${number}.sentAt`; withTime?: boolean; legendKey: FieldLabel }) {
  const { t } = useTranslation(['complaint', 'validation']);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <DateTimeInput
          id={fieldId(name)}
          legend={t(`complaint:evidence.fields.${legendKey}`)}
          hint={t('complaint:evidence.fields.dateTimeHint')}
          error={errorAt(t, errors, name)}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          withTime={withTime}
        />
      )}
    />
  );
}

function References({ control, register, errors }: GroupProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'references' });
  const text = useText(register, errors);
  return (
    <GroupSection group="references" count={fields.length} onAdd={() => append(emptyReference())}>
      {fields.map((f, i) => (
        <ItemFrame key={f.id} group="references" index={i} onRemove={() => remove(i)}>
          {text(`references.${i}.reference`, 'reference', { className: 'input-medium' })}
          {text(`references.${i}.note`, 'note', { optional: true })}
        </ItemFrame>
      ))}
    </GroupSection>
  );
}

function Staff({ control, register, errors }: GroupProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'staff' });
  const text = useText(register, errors);
  return (
    <GroupSection group="staff" count={fields.length} onAdd={() => append(emptyStaff())}>
      {fields.map((f, i) => (
        <ItemFrame key={f.id} group="staff" index={i} onRemove={() => remove(i)}>
          {text(`staff.${i}.name`, 'staffName')}
          {text(`staff.${i}.team`, 'team', { optional: true })}
        </ItemFrame>
      ))}
    </GroupSection>
  );
}

function Calls(props: GroupProps) {
  const { control, register, errors } = props;
  const { t } = useTranslation('complaint');
  const { fields, append, remove } = useFieldArray({ control, name: 'calls' });
  const text = useText(register, errors);
  return (
    <GroupSection group="calls" count={fields.length} onAdd={() => append(emptyCall(), { focusName: 'calls.' + fields.length + '.at' })}>
      {fields.map((f, i) => (
        <ItemFrame key={f.id} group="calls" index={i} onRemove={() => remove(i)}>
          <DateGroup {...props} name={`calls.${i}.at`} withTime legendKey="callAt" />
          {text(`calls.${i}.fromNumber`, 'fromNumber', { type: 'tel', className: 'input-medium', hint: t('evidence.fields.fromNumberHint') })}
          {text(`calls.${i}.spokeTo`, 'spokeTo', { optional: true })}
          {text(`calls.${i}.whatWasSaid`, 'whatWasSaid', { textarea: true })}
        </ItemFrame>
      ))}
    </GroupSection>
  );
}

function Emails(props: GroupProps) {
  const { control, register, errors } = props;
  const { fields, append, remove } = useFieldArray({ control, name: 'emails' });
  const text = useText(register, errors);
  return (
    <GroupSection group="emails" count={fields.length} onAdd={() => append(emptyEmail(), { focusName: 'emails.' + fields.length + '.sentAt' })}>
      {fields.map((f, i) => (
        <ItemFrame key={f.id} group="emails" index={i} onRemove={() => remove(i)}>
          <DateGroup {...props} name={`emails.${i}.sentAt`} withTime legendKey="sentAt" />
          {text(`emails.${i}.toAddress`, 'toAddress', { type: 'email' })}
          {text(`emails.${i}.subject`, 'subject')}
        </ItemFrame>
      ))}
    </GroupSection>
  );
}

export function EvidenceStep({
  draft,
  profile,
  onChange,
  onDone,
  layout,
  onAttachmentsChange,
}: StepProps<EvidenceForm> & { onAttachmentsChange: (update: (current: Attachment[]) => Attachment[]) => void }) {
  const { t } = useTranslation(['complaint', 'validation', 'providers']);
  const now = useLatestNow();
  const schema = useMemo(() => evidenceResolverSchema(profile.timeZone, now), [profile.timeZone, now]);
  const form = useStepForm(schema, draft.evidence, onChange);
  const { register, control, handleSubmit, formState } = form;
  const errors = flattenErrors(formState.errors);
  const label = (path: string) => {
    const [group, index, field] = path.split('.');
    const item = isGroup(group) ? t(`complaint:evidence.${group}.item`, { number: Number(index) + 1 }) : t('complaint:evidence.title');
    return hasFieldLabel(field) ? `${item}, ${t(`complaint:evidence.fields.${fieldLabels[field]}`).toLowerCase()}` : item;
  };
  const props = { control: control as unknown as Control<EvidenceForm, unknown, unknown>, register, errors };

  return (
    <StepLayout {...layout} title={t('complaint:evidence.title')} errors={summaryItems(t, errors, label)} focusKey={formState.submitCount}>
      <p>{t('complaint:evidence.intro')}</p>
      {(profile.asksFor ?? []).length > 0 && (
        <div className="inset">
          <p>{t('complaint:evidence.asksFor', { provider: profile.name })}</p>
          <ul>
            {(profile.asksFor ?? []).map((item) => (
              <li key={item}>{t(`providers:asksFor.${item}`)}</li>
            ))}
          </ul>
        </div>
      )}
      <form noValidate onSubmit={(e) => void handleSubmit(onDone)(e)}>
        <References {...props} />
        <Staff {...props} />
        <Calls {...props} />
        <Emails {...props} />
        <FilesSection attachments={draft.attachments} onChange={onAttachmentsChange} />
        <ContinueButton />
      </form>
    </StepLayout>
  );
}
