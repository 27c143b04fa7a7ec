import { useEffect } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from '@/domain/zod';

/**
 * A step's form: react-hook-form with the shared schema as resolver (through a preprocess that
 * turns what was typed into the API's shape), validated on submit like GOV.UK question pages,
 * and every change reported so the draft can be saved.
 */
export function useStepForm<TForm extends FieldValues, TOut>(
  schema: z.ZodType<TOut>,
  defaultValues: TForm,
  onChange: (values: TForm) => void,
) {
  const form = useForm<TForm, unknown, TOut>({
    defaultValues: defaultValues as DefaultValues<TForm>,
    resolver: zodResolver(schema as never) as unknown as Resolver<TForm, unknown, TOut>,
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const { subscribe } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values }) => onChange(structuredClone(values)),
      }),
    [subscribe, onChange],
  );
  return form;
}
