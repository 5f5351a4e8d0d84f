import { useEffect, useState } from 'react';

export interface LivePosition {
  lng: number;
  lat: number;
  acc: number | null;
  at: number;
}

/**
 * The phone's position while the component is mounted (the report form needs a fix even when no
 * patrol is running). `error` is `denied` or `unavailable`.
 */
export function useLivePosition(): { position: LivePosition | null; error: string | null } {
  const [position, setPosition] = useState<LivePosition | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
    if (!geo) {
      setError('unavailable');
      return;
    }
    const id = geo.watchPosition(
      (p) => {
        setPosition({
          lng: p.coords.longitude,
          lat: p.coords.latitude,
          acc: Number.isFinite(p.coords.accuracy) ? p.coords.accuracy : null,
          at: p.timestamp || Date.now(),
        });
        setError(null);
      },
      (e) => setError(e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    return () => geo.clearWatch(id);
  }, []);
  return { position, error };
}
