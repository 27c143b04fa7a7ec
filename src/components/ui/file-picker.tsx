import type { ChangeEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';

export interface FilePickerProps {
  /** The input's id: the field's own `<label htmlFor>`, the hint and the error point to it (Field passes it). */
  id: string;
  accept: string;
  multiple?: boolean;
  /** The names of the files chosen so far, for the status line next to the button. */
  chosen: readonly string[];
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  ref?: Ref<HTMLInputElement>;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A file input that speaks the page's language. The native control writes "Choose File / No file chosen" in the
 * browser's language, so it is visually hidden, but it stays in the DOM, focusable and described by the field's hint
 * and error. A `<label htmlFor>` styled as the secondary button opens it, and shows the focus ring while the input
 * has keyboard focus (`:focus-visible + label` in styles.css). The status line says what is chosen, politely.
 */
export function FilePicker({ id, accept, multiple = false, chosen, onChange, ref, 'aria-invalid': invalid, 'aria-describedby': describedBy }: FilePickerProps) {
  const { t } = useTranslation('validation');
  const statusId = `${id}-status`;
  const status =
    chosen.length === 0
      ? t('ui.filePicker.none')
      : !multiple && chosen[0] !== undefined
        ? t('ui.filePicker.chosenName', { name: chosen[0] })
        : t('ui.filePicker.chosen', { count: chosen.length });
  return (
    <div className="file-picker">
      <input
        ref={ref}
        type="file"
        id={id}
        className="visually-hidden file-picker-input"
        accept={accept}
        multiple={multiple}
        aria-invalid={invalid}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(' ')}
        onChange={onChange}
      />
      <label htmlFor={id} className="button button-secondary file-picker-button">
        {multiple ? t('ui.filePicker.chooseFiles') : t('ui.filePicker.chooseFile')}
      </label>
      <span className="file-picker-status" id={statusId} role="status">
        {status}
      </span>
    </div>
  );
}
