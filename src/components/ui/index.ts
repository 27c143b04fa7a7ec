export { ErrorSummary, focusField, type ErrorSummaryItem, type ErrorSummaryProps } from './error-summary';
export { Field, FieldError, describedBy, type FieldControlProps, type FieldProps } from './field';
export { Radios, type RadioOption, type RadiosProps } from './radios';
export { DateTimeInput, firstInputId, type DateTimeInputProps } from './date-time-input';
export {
  datePartOrder,
  emptyDateTimeParts,
  instantToParts,
  isBlank,
  isoDateToParts,
  parseTime,
  partsToInstant,
  partsToIsoDate,
  type DateTimeParts,
} from './date-parts';
export { UntilReady } from './until-ready';
export { FilePicker, type FilePickerProps } from './file-picker';
export { ConfirmAction, type ConfirmActionProps } from './confirm-action';
