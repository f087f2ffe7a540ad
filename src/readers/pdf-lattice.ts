/**
 * Ruled tables of a PDF page ("lattice"), from the lines the page draws.
 *
 * A report's tables are ruled: Word, WPS and LibreOffice draw every cell border, as stroked lines
 * or as thin filled rectangles. Those rulings give what the text layer alone cannot: which text
 * belongs to which cell when labels wrap over several lines in narrow columns, which cells are
 * merged (a border that is not drawn), and which cells are blank. A page's rulings are collected
 * by a `RulingPen` as its drawing is replayed — from its content streams (pdf-drawing.ts) or from
 * pdfjs's operator list (`rulingsOf`) — with the transformation matrix applied, so that they
 * share the text's user space; they are merged into maximal horizontal and vertical segments,
 * those that are not cell borders (underlines) are dropped, and the rest are grouped into
 * connected components; a component with at least two columns and four grid cells is a table.
 *
 * A table's grid has a column between each two neighbouring x positions of its vertical rulings
 * (and its horizontal rulings' ends) and a row between each two neighbouring y positions. Two
 * neighbouring grid cells are one cell when no ruling separates them, so that a merged cell is
 * the set of grid cells it covers; its text is put in its top-left grid cell and the others stay
 * empty — the same layout as html-text.ts gives a web page's table, which the text reader reads.
 */

/** An axis-aligned segment: horizontal (y = at, x from a to b) or vertical (x = at, y from a to b). */
export interface Segment {
  at: number;
  a: number;
  b: number;
}

/** Where the page paints an image: its box in page space. */
export interface ImageBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Rulings {
  h: Segment[];
  v: Segment[];
  /** the images painted (a table published as a picture is one) */
  images?: ImageBox[];
}

/** A ruled table: column edges `xs` left to right, row edges `ys` top to bottom (PDF y descends). */
export interface Grid {
  xs: number[];
  ys: number[];
  /** the grid cell that holds each grid cell's text: its merged cell's top-left one */
  owner: Int32Array;
}

/** The operator numbers of pdfjs's OPS this module needs. */
export interface PathOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
}

type Matrix = [number, number, number, number, number, number];

/** m × n as pdfjs's canvas applies `transform` (n first, then m). */
const compose = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

// pdfjs's path codes inside constructPath (DrawOPS)
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** Thinner than this (points), a filled rectangle is a ruling; a border is ~0.5–1.5 pt. */
const THIN = 2.5;
/** Shorter than this a segment is a dot or a glyph stroke, not a border. */
const MIN_LENGTH = 2;
/** Positions closer than this (points) are one edge; borders are drawn ~1 pt wide. */
const SNAP = 2;

/**
 * Collects a page's rulings while its drawing is replayed: q / Q / cm as `save`, `restore` and
 * `transform`, every painted path as `paint` with its straight subpaths in user space (flat
 * x, y pairs; a closed subpath repeats its first point), every image painted as `image`.
 */
export class RulingPen {
  readonly #h: Segment[] = [];
  readonly #v: Segment[] = [];
  readonly #images: ImageBox[] = [];
  readonly #stack: Matrix[] = [];
  #ctm: Matrix = [1, 0, 0, 1, 0, 0];

  save(): void {
    this.#stack.push(this.#ctm);
  }

  restore(): void {
    this.#ctm = this.#stack.pop() ?? this.#ctm;
  }

  transform(m: readonly number[]): void {
    if (m.length === 6 && m.every(Number.isFinite)) this.#ctm = compose(this.#ctm, m as Matrix);
  }

  /** A painted path: stroked, its axis-aligned edges are rulings; filled, its thin shapes are. */
  paint(subpaths: readonly number[][], stroke: boolean, fill: boolean): void {
    const m = this.#ctm;
    for (const sub of subpaths) {
      const pts: number[] = [];
      for (let k = 0; k + 1 < sub.length; k += 2) {
        const x = sub[k]!;
        const y = sub[k + 1]!;
        pts.push(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
      }
      if (stroke)
        for (let k = 2; k + 1 < pts.length; k += 2)
          this.#add(pts[k - 2]!, pts[k - 1]!, pts[k]!, pts[k + 1]!);
      if (fill && !stroke) {
        // a thin filled rectangle (or any thin filled shape) is a ruling along its long side
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -Infinity;
        let y1 = -Infinity;
        for (let k = 0; k + 1 < pts.length; k += 2) {
          x0 = Math.min(x0, pts[k]!);
          x1 = Math.max(x1, pts[k]!);
          y0 = Math.min(y0, pts[k + 1]!);
          y1 = Math.max(y1, pts[k + 1]!);
        }
        const w = x1 - x0;
        const ht = y1 - y0;
        if (ht <= THIN && w >= 2 * ht) this.#add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
        else if (w <= THIN && ht >= 2 * w) this.#add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
      }
    }
  }

  /** An image: the unit square in the current user space. */
  image(): void {
    const [a, b, c, d, e, f] = this.#ctm;
    const xs = [e, a + e, c + e, a + c + e];
    const ys = [f, b + f, d + f, b + d + f];
    if (!xs.every(Number.isFinite) || !ys.every(Number.isFinite)) return;
    const box = {
      x0: Math.min(...xs),
      y0: Math.min(...ys),
      x1: Math.max(...xs),
      y1: Math.max(...ys),
    };
    // (a page of thousands of images is no report's; the first ones tell enough)
    if (this.#images.length < MAX_IMAGES) this.#images.push(box);
  }

  rulings(): Rulings {
    const r: Rulings = { h: mergeSegments(this.#h), v: mergeSegments(this.#v) };
    if (this.#images.length) r.images = this.#images;
    return r;
  }

  #add(x0: number, y0: number, x1: number, y1: number): void {
    if (Math.abs(y1 - y0) < 0.8 && Math.abs(x1 - x0) >= MIN_LENGTH)
      this.#h.push({ at: (y0 + y1) / 2, a: Math.min(x0, x1), b: Math.max(x0, x1) });
    else if (Math.abs(x1 - x0) < 0.8 && Math.abs(y1 - y0) >= MIN_LENGTH)
      this.#v.push({ at: (x0 + x1) / 2, a: Math.min(y0, y1), b: Math.max(y0, y1) });
  }
}

const MAX_IMAGES = 200;

/** The page's rulings, from pdfjs's operator list (fnArray / argsArray). */
export function rulingsOf(fnArray: ArrayLike<number>, argsArray: unknown[], ops: PathOps): Rulings {
  const pen = new RulingPen();
  const strokes = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  const fills = new Set([ops.fill, ops.eoFill]);
  const images = new Set([
    ops.paintImageXObject,
    ops.paintInlineImageXObject,
    ops.paintImageMaskXObject,
  ]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) pen.save();
    else if (fn === ops.restore) pen.restore();
    else if (fn === ops.transform && args) pen.transform(args as number[]);
    else if (fn !== undefined && images.has(fn)) pen.image();
    else if (fn === ops.paintFormXObjectBegin && args) {
      pen.save();
      const m = args[0];
      if (Array.isArray(m)) pen.transform(m as number[]);
    } else if (fn === ops.paintFormXObjectEnd) pen.restore();
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const stroke = strokes.has(paint);
      if (!stroke && !fills.has(paint)) continue; // a clip, or a path that is not painted
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (data) pen.paint(subpaths(data), stroke, !stroke);
    }
  }
  return pen.rulings();
}

/** pdfjs's path data → its straight subpaths (flat x, y pairs); a subpath with a curve is left out. */
function subpaths(data: ArrayLike<number>): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  let curved = false;
  const end = () => {
    if (!curved && cur.length >= 4) out.push(cur);
    cur = [];
    curved = false;
  };
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    if (op === MOVE) {
      end();
      cur.push(data[i++]!, data[i++]!);
    } else if (op === LINE) cur.push(data[i++]!, data[i++]!);
    else if (op === CURVE) {
      i += 6;
      curved = true;
    } else if (op === QUAD) {
      i += 4;
      curved = true;
    } else if (op === CLOSE) {
      if (cur.length >= 2) cur.push(cur[0]!, cur[1]!);
      end();
    } else break; // an unknown code: the rest cannot be parsed
  }
  end();
  return out;
}

/** Segments on one line (within SNAP / 2) that touch or overlap (within SNAP) become one. */
function mergeSegments(segs: Segment[]): Segment[] {
  segs.sort((p, q) => p.at - q.at);
  const out: Segment[] = [];
  for (let i = 0; i < segs.length;) {
    let j = i;
    while (j < segs.length && segs[j]!.at - segs[i]!.at <= SNAP / 2) j++;
    const line = segs.slice(i, j).sort((p, q) => p.a - q.a);
    const at = line.reduce((s, x) => s + x.at, 0) / line.length;
    let cur: Segment | undefined;
    for (const s of line) {
      if (cur && s.a <= cur.b + SNAP) cur.b = Math.max(cur.b, s.b);
      else {
        cur = { at, a: s.a, b: s.b };
        out.push(cur);
      }
    }
    i = j;
  }
  return out;
}

/** Narrower than this (points), a gap between two edges holds no text: a double border's lines. */
const MIN_CELL = 4;

/** Sorted positions; one less than MIN_CELL past the last one kept is dropped. */
function snapped(values: number[]): number[] {
  const out: number[] = [];
  for (const x of [...values].sort((p, q) => p - q))
    if (out.length === 0 || x - out.at(-1)! >= MIN_CELL) out.push(x);
  return out;
}

const touches = (h: Segment, v: Segment) =>
  v.at >= h.a - SNAP && v.at <= h.b + SNAP && h.at >= v.a - SNAP && h.at <= v.b + SNAP;

/**
 * The rulings that are cell borders: a border spans a cell at least, so it meets two rulings
 * across it (at its ends or crossing them). A line under a cell's text (an underline, drawn as a
 * thin line like a border, flush with the cell's left border or not) meets one at most.
 */
function bordersOf({ h, v }: Rulings): Rulings {
  const twice = (n: number) => n >= 2;
  const meets = (hs: Segment[], vs: Segment[]) => ({
    h: hs.filter((s) => twice(vs.filter((o) => touches(s, o)).length)),
    v: vs.filter((s) => twice(hs.filter((o) => touches(o, s)).length)),
  });
  // twice: a border is kept by the borders across it, not by the underlines it meets
  const once = meets(h, v);
  return meets(once.h, once.v);
}

/**
 * Rulings a page may have for its tables to be laid out. A report's page has 40–200 once merged
 * (the PDFs of test/fixtures/reports); matching them costs the product of the horizontal and
 * vertical ones, so a page drawing tens of thousands of dashes (80,000 in a 300 KB file: 10 s a
 * page) is read as lines of text, like a page without rulings, instead.
 */
export const MAX_RULINGS = 2_000;

/**
 * A table's edge the page leaves open: where a table breaks across pages, Chromium draws no
 * border at the cut, so the rows go on to the page's edge with their vertical borders ending
 * there in a line. Three vertical rulings or more ending at one height with no horizontal ruling
 * along them there get one, from the first to the last (a lone row at the top of a page — the
 * last row of table 三, the figures of table 四 — is otherwise no table: its borders meet one
 * ruling across them).
 */
function closeOpenEdges({ h, v }: Rulings): Rulings {
  const added: Segment[] = [];
  for (const end of ['a', 'b'] as const) {
    const sorted = [...v].sort((p, q) => p[end] - q[end]);
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j < sorted.length && sorted[j]![end] - sorted[i]![end] <= SNAP) j++;
      const line = sorted.slice(i, j);
      i = j;
      if (line.length < 3) continue;
      const at = line.reduce((s, x) => s + x[end], 0) / line.length;
      const xs = line.map((x) => x.at);
      const edge = { at, a: Math.min(...xs), b: Math.max(...xs) };
      const covered = (o: Segment) =>
        Math.abs(o.at - at) <= SNAP && o.a <= edge.a + SNAP && edge.b - SNAP <= o.b;
      if (!h.some(covered) && !added.some(covered)) added.push(edge);
    }
  }
  return added.length === 0 ? { h, v } : { h: [...h, ...added], v };
}

/** The tables a page's rulings draw: connected rulings with at least two columns and four cells. */
export function gridsOf(rulings: Rulings): Grid[] {
  if (rulings.h.length + rulings.v.length > MAX_RULINGS) return [];
  const { h, v } = bordersOf(closeOpenEdges(rulings));
  const n = h.length + v.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  h.forEach((hs, i) =>
    v.forEach((vs, j) => {
      if (touches(hs, vs)) parent[find(i)] = find(h.length + j);
    }),
  );
  const parts = new Map<number, { h: Segment[]; v: Segment[] }>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let part = parts.get(root);
    if (!part) parts.set(root, (part = { h: [], v: [] }));
    if (i < h.length) part.h.push(h[i]!);
    else part.v.push(v[i - h.length]!);
  }
  const grids: Grid[] = [];
  for (const part of parts.values()) {
    if (part.h.length === 0 || part.v.length === 0) continue;
    const xs = snapped([...part.v.map((s) => s.at), ...part.h.flatMap((s) => [s.a, s.b])]);
    const ys = snapped([
      ...part.h.map((s) => s.at),
      ...part.v.flatMap((s) => [s.a, s.b]),
    ]).reverse();
    const cols = xs.length - 1;
    const rows = ys.length - 1;
    if (cols < 2 || rows < 1 || cols * rows < 4) continue;
    grids.push({ xs, ys, owner: owners(xs, ys, part) });
  }
  return grids;
}

/** Each grid cell's owner: grid cells not separated by a ruling are one merged cell. */
function owners(xs: number[], ys: number[], { h, v }: { h: Segment[]; v: Segment[] }): Int32Array {
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  const parent = Int32Array.from({ length: cols * rows }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // the smaller index (the top-left grid cell) owns the union
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
  };
  const ruled = (segs: Segment[], at: number, mid: number) =>
    segs.some((s) => Math.abs(s.at - at) <= SNAP && s.a - SNAP / 2 <= mid && mid <= s.b + SNAP / 2);
  for (let r = 0; r < rows; r++) {
    const midY = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c < cols; c++) {
      const midX = (xs[c]! + xs[c + 1]!) / 2;
      if (c + 1 < cols && !ruled(v, xs[c + 1]!, midY)) union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !ruled(h, ys[r + 1]!, midX)) union(r * cols + c, (r + 1) * cols + c);
    }
  }
  return parent.map((_, i) => find(i));
}

/** The grid cell (row-major index) holding the point, or -1 outside the grid. */
export function cellAt(g: Grid, x: number, y: number): number {
  const { xs, ys } = g;
  if (x < xs[0]! || x > xs.at(-1)! || y > ys[0]! || y < ys.at(-1)!) return -1;
  let c = 0;
  while (c < xs.length - 2 && x >= xs[c + 1]!) c++;
  let r = 0;
  while (r < ys.length - 2 && y <= ys[r + 1]!) r++;
  return r * (xs.length - 1) + c;
}
