import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptedFileKinds, LIMITS, type Attachment } from '@/api/schemas';
import { checkFile, checkFileSet, type FileRefusal } from '@/domain/files';
import { useUploadAttachment } from '../api/complaint-api';
import { formatList } from '@/lib/i18n';
import { FilePicker } from '@/components/ui/file-picker';
import { useErrorText } from '@/components/ui/api-error-text';

interface Refusal {
  id: number;
  name: string;
  reason: FileRefusal | { error: unknown };
}

export const acceptAttribute = ['.pdf', '.png', '.jpg', '.jpeg', '.doc', '.docx', '.msg', '.eml', '.txt'].join(',');

export function formatBytes(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb)} MB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** Reads, checks (from the content, in the browser) and uploads each chosen file at once. */
async function checkAndUpload(file: File, sizesSoFar: number[], upload: (file: File) => Promise<Attachment>): Promise<Attachment | FileRefusal | { error: unknown }> {
  if (file.size > LIMITS.fileMaxBytes) return 'tooLarge';
  const setProblem = checkFileSet([...sizesSoFar, file.size]);
  if (setProblem) return setProblem;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = await checkFile(file.name, file.type, bytes);
  if (!check.ok) return check.reason;
  try {
    return await upload(file);
  } catch (error) {
    return { error };
  }
}

export function FilesSection({ attachments, onChange }: { attachments: readonly Attachment[]; onChange: (update: (current: Attachment[]) => Attachment[]) => void }) {
  const { t } = useTranslation(['complaint', 'errors', 'common', 'validation']);
  const errorText = useErrorText();
  const upload = useUploadAttachment();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string[]>([]);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const nextId = useRef(0);
  const locale = t('common:locale');
  const kinds = formatList(acceptedFileKinds.map((k) => k.toUpperCase()).concat('JPEG').sort(), 'and');

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length === 0) return;
    setRefusals([]);
    setUploading(files.map((f) => f.name));
    const sizes = attachments.map((a) => a.size);
    const refused: Refusal[] = [];
    for (const file of files) {
      const result = await checkAndUpload(file, sizes, upload.mutateAsync);
      if (typeof result === 'object' && 'id' in result) {
        sizes.push(result.size);
        onChange((current) => [...current, result]);
      } else {
        refused.push({ id: nextId.current++, name: file.name, reason: result });
      }
      setUploading((u) => u.filter((n) => n !== file.name));
    }
    setRefusals(refused);
  };

  const reasonText = (r: Refusal) =>
    typeof r.reason === 'string'
      ? t(`complaint:files.refused.${r.reason}`, { name: r.name, max: formatBytes(LIMITS.fileMaxBytes, locale), total: formatBytes(LIMITS.filesTotalMaxBytes, locale), count: LIMITS.filesMax })
      : `${t('complaint:files.refused.upload', { name: r.name })} ${errorText(r.reason.error)}`;

  return (
    <section className="evidence-group" aria-labelledby="evidence-files-heading">
      <h2 id="evidence-files-heading">{t('complaint:files.heading')}</h2>
      <div className={['form-group', refusals.length ? 'form-group-error' : ''].filter(Boolean).join(' ')}>
        <label htmlFor="f-files">{t('complaint:files.label')}</label>
        <p className="field-hint" id="f-files-hint">
          {t('complaint:files.hint', { kinds, max: formatBytes(LIMITS.fileMaxBytes, locale), count: LIMITS.filesMax, total: formatBytes(LIMITS.filesTotalMaxBytes, locale) })}
        </p>
        <div role="alert" id="f-files-error">
          {refusals.map((r) => (
            <p className="field-error" key={r.id}>
              <span className="visually-hidden">{t('validation:ui.errorPrefix')} </span>
              {reasonText(r)}
            </p>
          ))}
        </div>
        <FilePicker
          ref={input}
          id="f-files"
          multiple
          accept={acceptAttribute}
          chosen={attachments.map((a) => a.name)}
          {...(refusals.length ? { 'aria-invalid': true as const } : {})}
          aria-describedby={refusals.length ? 'f-files-hint f-files-error' : 'f-files-hint'}
          onChange={(e) => void onFiles(e)}
        />
      </div>
      <div role="status" aria-live="polite" className="upload-status">
        {uploading.length > 0 && <p>{t('complaint:files.uploading', { names: uploading.join(', ') })}</p>}
      </div>
      {attachments.length > 0 && (
        <>
          <h3 className="files-list-heading">{t('complaint:files.listHeading', { count: attachments.length })}</h3>
          <ul className="file-list">
            {attachments.map((a) => (
              <li key={a.id}>
                <span className="file-name">{a.name}</span> <span className="hint">({formatBytes(a.size, locale)})</span>{' '}
                <button type="button" className="button-small" onClick={() => onChange((current) => current.filter((x) => x.id !== a.id))}>
                  {t('complaint:evidence.remove')}
                  <span className="visually-hidden"> {a.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
