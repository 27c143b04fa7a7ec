// @vitest-environment jsdom
import { describe, expect, it, beforeAll } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enValidation from '@locales/en/validation.json';
import enCommon from '@locales/en/common.json';
import { ErrorSummary } from './error-summary';
import { Field } from './field';
import { Radios } from './radios';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { validation: enValidation, common: enCommon } }, react: { useSuspense: false } });
});

describe('shared form building blocks', () => {
  it('error summary takes focus and moves to the field', async () => {
    render(
      <>
        <ErrorSummary errors={[{ fieldId: 'f-name', message: 'Full name: Enter this information' }]} focusKey={1} />
        <Field id="f-name" label="Full name" hint="As on your bill" error="Enter this information">
          {(aria) => <input type="text" {...aria} />}
        </Field>
      </>,
    );
    const summary = screen.getByRole('alert');
    expect(summary).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'Full name: Enter this information' }));
    const input = screen.getByLabelText('Full name');
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-describedby', 'f-name-hint f-name-error');
    expect(document.getElementById('f-name-error')).toHaveTextContent('Error: Enter this information');
  });
  it('renders nothing without errors; radios group under a legend with the first radio carrying the id', () => {
    const { container } = render(<ErrorSummary errors={[]} />);
    expect(container).toBeEmptyDOMElement();
    render(<Radios id="f-kind" legend="Who?" options={[{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]} value="b" onChange={() => undefined} />);
    expect(screen.getByRole('group', { name: 'Who?' })).toBeInTheDocument();
    expect(screen.getByLabelText('A')).toHaveAttribute('id', 'f-kind');
    expect(screen.getByLabelText('B')).toBeChecked();
  });
});
