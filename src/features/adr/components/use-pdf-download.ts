import { useCallback, useState } from 'react';
import type { DocModel } from '../lib/doc-model';
import type { PdfFile } from '../lib/pdf';

export type PdfState = 'idle' | 'working' | 'done' | 'failed';

/** Makes a PDF from a DocModel in the browser; pdf-lib and the fonts load only now. */
export function usePdfDownload() {
  const [state, setState] = useState<PdfState>('idle');
  const download = useCallback(
    async (doc: DocModel, filename: string, getFiles?: () => Promise<PdfFile[]>, fileLabel?: (f: PdfFile, i: number) => string) => {
      setState('working');
      try {
        const [{ renderPdf, downloadBytes, emojiNeeded }, { loadPdfFonts }] = await Promise.all([import('../lib/pdf'), import('../lib/fonts')]);
        const { docText } = await import('../lib/doc-model');
        const [fonts, files] = await Promise.all([loadPdfFonts({ emoji: emojiNeeded(docText(doc)) }), getFiles ? getFiles() : Promise.resolve([])]);
        const bytes = await renderPdf(doc, { fonts, files, ...(fileLabel ? { fileLabel } : {}) });
        downloadBytes(bytes, filename);
        setState('done');
      } catch (error) {
        console.warn('PDF failed', error);
        setState('failed');
      }
    },
    [],
  );
  return { state, download };
}
