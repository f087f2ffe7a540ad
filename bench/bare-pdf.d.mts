/** The number of text items of the PDF's pages, extracted by pdfjs (the bench's bare PDF parse). */
export function barePdf(bytes: Uint8Array): Promise<number>;
