import { useTranslation } from 'react-i18next';
import type { DocModel } from '../lib/doc-model';
import type { PdfFile } from '../lib/pdf';
import { usePdfDownload } from './use-pdf-download';

/** Print and "Download PDF" for a document, with the outcome announced. */
export function PdfButtons({
  doc,
  filename,
  getFiles,
  fileLabel,
  downloadLabel,
  print = true,
}: {
  doc: DocModel;
  filename: string;
  getFiles?: () => Promise<PdfFile[]>;
  fileLabel?: (f: PdfFile, i: number) => string;
  downloadLabel?: string;
  print?: boolean;
}) {
  const { t } = useTranslation('adr');
  const { state, download } = usePdfDownload();
  return (
    <div className="no-print">
      <div className="button-group">
        <button type="button" className="button" disabled={state === 'working'} onClick={() => void download(doc, filename, getFiles, fileLabel)}>
          {downloadLabel ?? t('common.downloadPdf')}
        </button>
        {print && (
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            {t('common.print')}
          </button>
        )}
      </div>
      <p role="status" className={state === 'failed' ? 'field-error' : 'hint'}>
        {state === 'working' ? t('common.preparingPdf') : state === 'done' ? t('common.pdfReady') : state === 'failed' ? t('common.pdfFailed') : ''}
      </p>
    </div>
  );
}
