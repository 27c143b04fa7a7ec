import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '@/api/schemas';
import { isApiError } from '@/api/client';
import { useErrorText } from '@/components/ui/api-error-text';
import { Field } from '@/components/ui/field';
import { FilePicker } from '@/components/ui/file-picker';
import { checkFile, checkFileSet } from '@/domain/files';
import { newIdempotencyKey, useAddEvidence } from '../api/case-queries';

/** Adds a file to an open case, with the same checks as the complaint form (content, size, count, total). */
export function EvidenceUpload({ caseData }: { caseData: Case }) {
  const { t } = useTranslation(['cases', 'errors']);
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const upload = useAddEvidence(caseData.reference);
  // A file whose upload was not confirmed keeps its Idempotency-Key, so sending it again after a lost
  // answer stores it once.
  const unconfirmed = useRef<{ file: string; key: string } | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    const file = input.current?.files?.[0];
    if (!file) {
      setError(t('cases:evidence.chooseFile'));
      input.current?.focus();
      return;
    }
    setChecking(true);
    const check = await checkFile(file.name, file.type, new Uint8Array(await file.arrayBuffer()));
    const setProblem = checkFileSet([...caseData.attachments.map((a) => a.size), file.size]);
    setChecking(false);
    const refusal = !check.ok ? check.reason : setProblem;
    if (refusal) {
      setError(t(`cases:fileRefusal.${refusal}`));
      input.current?.focus();
      return;
    }
    setError(undefined);
    const identity = `${file.name}:${file.size}:${file.lastModified}`;
    const key = unconfirmed.current?.file === identity ? unconfirmed.current.key : newIdempotencyKey();
    unconfirmed.current = { file: identity, key };
    upload.mutate(
      { file, key },
      {
        onSuccess: (meta) => {
          if (unconfirmed.current?.key === key) unconfirmed.current = null;
          setDone(t('cases:evidence.uploaded', { name: meta.name }));
          if (input.current) input.current.value = '';
          setChosen([]);
        },
        onError: (err) => {
          const reason = isApiError(err) ? err.fieldErrors.file : undefined;
          setError(reason ? t(`cases:fileRefusal.${reason}`, { defaultValue: errorText(err) }) : errorText(err));
        },
      },
    );
  };

  const busy = checking || upload.isPending;
  return (
    <section aria-labelledby="upload-heading" className="case-section">
      <h2 id="upload-heading">{t('cases:evidence.addHeading')}</h2>
      <div role="status">{done && <p className="notice notice-success">{done}</p>}</div>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Field id="evidence-file" label={t('cases:evidence.fileLabel')} hint={t('cases:evidence.fileHint')} error={error}>
          <FilePicker
            ref={input}
            id="evidence-file"
            accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.msg,.eml,.txt"
            chosen={chosen}
            onChange={(e) => {
              setError(undefined);
              setChosen(Array.from(e.target.files ?? [], (f) => f.name));
            }}
          />
        </Field>
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? t('cases:evidence.uploading') : t('cases:evidence.upload')}
        </button>
      </form>
    </section>
  );
}
