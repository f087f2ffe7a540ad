// The bare PDF parse of the readers' bench (bench/readers.ts): pdfjs extracts the text layer of
// every page, nothing more. Plain JavaScript, so that bare-pdf-worker.mjs runs it natively.
import { loadPdfjs } from '../src/readers/load-pdfjs.mjs';

/** The number of text items of the PDF's pages. */
export async function barePdf(bytes) {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const doc = await task.promise;
  let items = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    items += (await page.getTextContent()).items.length;
    page.cleanup();
  }
  await task.destroy();
  return items;
}
