import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { FieldMapProps } from './FieldMap.tsx';

const FieldMap = lazy(() => import('./FieldMap.tsx'));

class MapErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** Defers `fn` until the browser is idle (or `maxMs` has passed). */
function whenIdle(fn: () => void, maxMs: number): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: maxMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 50);
  return () => clearTimeout(id);
}

/**
 * Where the map goes. Its code is requested only once the page around it is on screen and the
 * browser is idle, so on a slow connection the form is usable while MapLibre is still arriving
 * (and, offline without a cached copy, the form simply works without a map).
 */
export function MapSlot(props: FieldMapProps) {
  const { t } = useI18n();
  const [go, setGo] = useState(false);
  useEffect(() => whenIdle(() => setGo(true), 1000), []);
  const placeholder = <div className={`${props.className ?? ''} field-map-placeholder`}>{t('field.map.loading')}</div>;
  if (!go) return placeholder;
  return (
    <MapErrorBoundary fallback={<div className={`${props.className ?? ''} field-map-placeholder`}>{t('field.map.unavailable')}</div>}>
      <Suspense fallback={placeholder}>
        <FieldMap {...props} />
      </Suspense>
    </MapErrorBoundary>
  );
}
