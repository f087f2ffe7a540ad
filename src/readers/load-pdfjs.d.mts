/** pdfjs-dist's legacy build, loaded once per thread, the built-ins core-js replaces put back. */
export function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')>;
