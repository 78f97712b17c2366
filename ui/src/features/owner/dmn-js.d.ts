// dmn-js ships no type declarations: the small part of its API the editor uses.
declare module 'dmn-js/lib/Modeler' {
  type View = { type: string; id?: string };
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; keyboard?: { bindTo?: unknown } });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): View[];
    getActiveView(): View | undefined;
    open(view: View): Promise<unknown>;
    destroy(): void;
  }
}
