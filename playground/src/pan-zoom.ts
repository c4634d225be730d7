/**
 * Pan (drag) and zoom (wheel, around the pointer) of an SVG by moving its viewBox: the drawing stays
 * vector-sharp at every scale, and nothing but the viewBox attribute changes.
 */

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Graphviz draws in points; a point is 4/3 of a CSS pixel. */
const UNITS_PER_PX = 0.75;
const MIN_SCALE = 0.02;
const MAX_SCALE = 20;
/** Drawing units per pixel beyond which 10 pt labels are too small to read (8 px). */
const READABLE_SCALE = 1.25;
/** A press that moves less than this is a tap (a click on a box), not a drag. */
const TAP_SLOP_PX = 4;

export class PanZoom {
  private readonly drawing: Box;
  private box: Box;

  /** `onTap`: a press and release without dragging, with the element first pressed. */
  constructor(
    private readonly svg: SVGSVGElement,
    private readonly frame: HTMLElement,
    private readonly onTap?: (target: Element) => void,
  ) {
    const vb = svg.viewBox.baseVal;
    this.drawing = vb && vb.width > 0 ? { x: vb.x, y: vb.y, w: vb.width, h: vb.height } : { x: 0, y: 0, w: 100, h: 100 };
    svg.setAttribute('width', '100%');
    svg.setAttribute('height', '100%');
    this.box = this.start();
    this.apply();
    this.listen();
  }

  /** The whole drawing when it fits legibly; otherwise its top at a legible scale (a 400-layer model is tall). */
  private start(): Box {
    const home = this.home();
    const { w: fw, h: fh } = this.frameSize();
    if (home.w / fw <= READABLE_SCALE) return home;
    const d = this.drawing;
    const scale = Math.max(UNITS_PER_PX, Math.min(d.w / fw, READABLE_SCALE));
    const w = fw * scale;
    return { x: d.x + (d.w - w) / 2, y: d.y, w, h: fh * scale };
  }

  /** The drawing at its natural size, or scaled down to fit the frame, centred. */
  home(): Box {
    const { w: fw, h: fh } = this.frameSize();
    const d = this.drawing;
    const scale = Math.max(UNITS_PER_PX, d.w / fw, d.h / fh);
    const w = fw * scale;
    const h = fh * scale;
    return { x: d.x + (d.w - w) / 2, y: d.y + (d.h - h) / 2, w, h };
  }

  fit(): void {
    this.box = this.home();
    this.apply();
  }

  /** Zooms in (`factor` > 1) or out around a client point, the frame's centre by default. */
  zoom(factor: number, clientX?: number, clientY?: number): void {
    const r = this.frame.getBoundingClientRect();
    const fx = clientX === undefined ? 0.5 : (clientX - r.left) / Math.max(1, r.width);
    const fy = clientY === undefined ? 0.5 : (clientY - r.top) / Math.max(1, r.height);
    const px = this.box.x + fx * this.box.w;
    const py = this.box.y + fy * this.box.h;
    const scale = this.box.w / Math.max(1, r.width) / factor;
    if (scale < MIN_SCALE || scale > MAX_SCALE) return;
    const w = this.box.w / factor;
    const h = this.box.h / factor;
    this.box = { x: px - fx * w, y: py - fy * h, w, h };
    this.apply();
  }

  private frameSize(): { w: number; h: number } {
    return { w: Math.max(1, this.frame.clientWidth), h: Math.max(1, this.frame.clientHeight) };
  }

  private apply(): void {
    const b = this.box;
    this.svg.setAttribute('viewBox', `${b.x} ${b.y} ${b.w} ${b.h}`);
  }

  private listen(): void {
    // The listeners live on the SVG, so they go with it when a new drawing replaces it.
    let drag: { x: number; y: number; box: Box; target: Element; moved: boolean } | undefined;
    this.svg.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || !(e.target instanceof Element)) return;
      // The pointer is captured, so the element pressed is remembered here: it is the tap's target.
      drag = { x: e.clientX, y: e.clientY, box: { ...this.box }, target: e.target, moved: false };
      this.svg.setPointerCapture(e.pointerId);
      this.frame.classList.add('dragging');
    });
    this.svg.addEventListener('pointermove', (e) => {
      if (!drag) return;
      drag.moved ||= Math.hypot(e.clientX - drag.x, e.clientY - drag.y) > TAP_SLOP_PX;
      const perPx = drag.box.w / this.frameSize().w;
      this.box = { ...drag.box, x: drag.box.x - (e.clientX - drag.x) * perPx, y: drag.box.y - (e.clientY - drag.y) * perPx };
      this.apply();
    });
    const end = (e: PointerEvent) => {
      if (drag && !drag.moved && e.type === 'pointerup') this.onTap?.(drag.target);
      drag = undefined;
      this.frame.classList.remove('dragging');
    };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
    this.svg.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        // Trackpads send many small deltas, mouse wheels a few large ones: both zoom smoothly.
        this.zoom(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), e.clientX, e.clientY);
      },
      { passive: false },
    );
  }
}
