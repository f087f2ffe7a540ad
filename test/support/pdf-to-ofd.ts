/**
 * An OFD (GB/T 33190-2016) of a PDF's pages, for the OFD reader's tests: each text item of the
 * PDF's text layer a TextObject, each ruling a PathObject, the page size its PhysicalBox — as
 * converters and OFD printers lay a document out. Two ways of writing, alternating by page, as
 * producers differ: whole items with DeltaX (`g n d` repeats), lines stroked, each object's
 * Boundary its own box; or one TextObject a character scaled by a CTM (Size in points), lines as
 * thin filled rectangles with a clip path around them. A template page holds a header line
 * (not the page's content), and Annotations.xml a stamp's text.
 */
import { openDrawing } from '../../src/readers/pdf-drawing.ts';
import { loadPdfjs } from '../../src/readers/load-pdfjs.mjs';
import { zip, type ZipEntry } from './zip.ts';

const MM = 25.4 / 72;
const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';
const f = (n: number) => Number(n.toFixed(3)).toString();
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface TextItem {
  str: string;
  transform: number[];
  width: number;
}

export async function pdfToOfd(pdf: Uint8Array): Promise<Buffer> {
  return zip(await pdfToOfdEntries(pdf));
}

/** The OFD's files, to be zipped (or changed first). */
export async function pdfToOfdEntries(pdf: Uint8Array): Promise<ZipEntry[]> {
  const pdfjs = (await loadPdfjs()) as {
    getDocument(o: object): {
      promise: Promise<{
        numPages: number;
        getPage(n: number): Promise<{
          view: number[];
          ref: { num: number } | null;
          getTextContent(): Promise<{ items: object[] }>;
        }>;
      }>;
      destroy(): Promise<void>;
    };
  };
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false });
  const doc = await task.promise;
  const drawing = await openDrawing(pdf);
  const pages: { name: string; data: Buffer }[] = [];
  const list: string[] = [];
  let id = 10;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0 = 0, y0 = 0, x1 = 595, y1 = 842] = page.view;
    const height = (y1 - y0) * MM;
    const mmX = (x: number) => (x - x0) * MM;
    const mmY = (y: number) => height - (y - y0) * MM;
    const perCharacter = n % 2 === 0;
    const objects: string[] = [];
    const content = await page.getTextContent();
    for (const item of content.items as TextItem[]) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , d = 10, e = 0, baseline = 0] = item.transform;
      const size = Math.abs(d) * MM;
      const chars = [...item.str];
      const step = chars.length > 1 ? (item.width * MM) / chars.length : size;
      const left = mmX(e);
      const top = mmY(baseline) - size;
      if (!perCharacter) {
        const deltaX = chars.length > 1 ? ` DeltaX="g ${chars.length - 1} ${f(step)}"` : '';
        objects.push(
          `<ofd:TextObject ID="${id++}" Boundary="${f(left)} ${f(top)} ${f(item.width * MM + size)} ${f(size * 1.4)}" Font="1" Size="${f(size)}">` +
            `<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${f(size)}"${deltaX}>${escape(item.str)}</ofd:TextCode></ofd:TextObject>`,
        );
      } else
        chars.forEach((c, i) => {
          // Size in points, scaled to millimetres by the CTM; X and Y in the object's points
          objects.push(
            `<ofd:TextObject ID="${id++}" Boundary="${f(left + i * step)} ${f(top)} ${f(size * 2)} ${f(size * 1.4)}" Font="1" Size="${f(size / MM)}" CTM="${f(MM)} 0 0 ${f(MM)} 0 0">` +
              `<ofd:TextCode X="0" Y="${f(size / MM)}">${escape(c)}</ofd:TextCode></ofd:TextObject>`,
          );
        });
    }
    const rulings = page.ref ? drawing?.rulings(page.ref.num) : null;
    const clip =
      '<ofd:Clips><ofd:Clip><ofd:Area><ofd:Path Boundary="0 0 210 297"><ofd:AbbreviatedData>M 0 0 L 210 0 L 210 297 L 0 297 C</ofd:AbbreviatedData></ofd:Path></ofd:Area></ofd:Clip></ofd:Clips>';
    for (const s of rulings?.h ?? []) {
      const [left, right, y] = [mmX(s.a), mmX(s.b), mmY(s.at)];
      objects.push(
        perCharacter
          ? `<ofd:PathObject ID="${id++}" Boundary="${f(left)} ${f(y - 0.1)} ${f(right - left)} 0.2" Stroke="false" Fill="true">${clip}<ofd:AbbreviatedData>M 0 0 L ${f(right - left)} 0 L ${f(right - left)} 0.2 L 0 0.2 C</ofd:AbbreviatedData></ofd:PathObject>`
          : `<ofd:PathObject ID="${id++}" Boundary="${f(left)} ${f(y)} ${f(right - left)} 0.25" LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L ${f(right - left)} 0</ofd:AbbreviatedData></ofd:PathObject>`,
      );
    }
    for (const s of rulings?.v ?? []) {
      const [x, top, bottom] = [mmX(s.at), mmY(s.b), mmY(s.a)];
      objects.push(
        perCharacter
          ? `<ofd:PathObject ID="${id++}" Boundary="${f(x - 0.1)} ${f(top)} 0.2 ${f(bottom - top)}" Stroke="false" Fill="true"><ofd:AbbreviatedData>S 0 0 L 0.2 0 L 0.2 ${f(bottom - top)} L 0 ${f(bottom - top)} C</ofd:AbbreviatedData></ofd:PathObject>`
          : `<ofd:PathObject ID="${id++}" Boundary="${f(x)} ${f(top)} 0.25 ${f(bottom - top)}" LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L 0 ${f(bottom - top)}</ofd:AbbreviatedData></ofd:PathObject>`,
      );
    }
    const name = `Doc_0/Pages/Page_${n - 1}/Content.xml`;
    pages.push({
      name,
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ${NS}><ofd:Template TemplateID="2"/>` +
          `<ofd:Area><ofd:PhysicalBox>0 0 ${f((x1 - x0) * MM)} ${f(height)}</ofd:PhysicalBox></ofd:Area>` +
          `<ofd:Content><ofd:Layer ID="${id++}"><ofd:PageBlock ID="${id++}">${objects.join('')}</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>`,
      ),
    });
    list.push(`<ofd:Page ID="${id++}" BaseLoc="Pages/Page_${n - 1}/Content.xml"/>`);
  }
  await task.destroy();
  const xml = (body: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
  return [
    {
      name: 'OFD.xml',
      data: xml(
        `<ofd:OFD ${NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
      ),
    },
    {
      name: 'Doc_0/Document.xml',
      data: xml(
        `<ofd:Document ${NS}><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>` +
          `<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>${list.join('')}</ofd:Pages>` +
          `<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>`,
      ),
    },
    {
      name: 'Doc_0/Tpls/Tpl_0/Content.xml',
      data: xml(
        `<ofd:Page ${NS}><ofd:Content><ofd:Layer ID="3"><ofd:TextObject ID="4" Boundary="20 8 100 6" Size="4"><ofd:TextCode X="0" Y="4">页眉：模板中的文字</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
      ),
    },
    {
      name: 'Doc_0/Annots/Annotations.xml',
      data: xml(`<ofd:Annotations ${NS}/>`),
    },
    ...pages,
  ];
}
