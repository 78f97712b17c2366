import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import DmnModeler from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import { t } from '../../i18n';

/**
 * The classification table in dmn-js's decision-table editor. Loaded lazily (its own chunk), so agents never download
 * it. `current` returns the edited XML for deployment.
 */
export default function DmnEditor({ xml, current }: { xml: string; current: MutableRefObject<(() => Promise<string>) | null> }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const modeler = new DmnModeler({ container: container.current });
    let alive = true;
    modeler
      .importXML(xml)
      .then(() => {
        const table = modeler.getViews().find((view) => view.type === 'decisionTable');
        return table ? modeler.open(table) : undefined;
      })
      .catch((e: Error) => alive && setError(e.message));
    current.current = async () => (await modeler.saveXML({ format: true })).xml;
    return () => {
      alive = false;
      current.current = null;
      modeler.destroy();
    };
  }, [xml, current]);
  return (
    <div>
      {error && (
        <p role="alert" className="error">
          {t('owner.dmnError', { detail: error })}
        </p>
      )}
      <div ref={container} className="dmn-editor" data-testid="dmn-editor" />
    </div>
  );
}
