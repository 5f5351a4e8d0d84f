import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connectivity, serverAnswered, type NetState } from './connectivity.ts';

/** A server the probe reaches or not, counting the probes. */
function server() {
  let up = true;
  let probes = 0;
  return {
    set: (v: boolean) => (up = v),
    get probes() {
      return probes;
    },
    probe: async () => {
      probes++;
      return up;
    },
  };
}

describe('connectivity: online means the server answered', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is "connecting" until the first answer, probes every 15 s while online, faster after a failure', async () => {
    const srv = server();
    const net = new Connectivity({ probe: srv.probe, interfaceUp: () => true });
    const seen: NetState[] = [];
    net.subscribe(() => seen.push(net.getState()));
    let back = 0;
    net.onBack(() => back++);
    expect(net.getState()).toBe('connecting');
    net.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.getState()).toBe('online');
    expect(back).toBe(1);
    expect(srv.probes).toBe(1);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(srv.probes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(srv.probes).toBe(2);

    srv.set(false);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(net.getState()).toBe('offline');
    // After failures: 2 s, 4 s, 8 s, 8 s …
    const at = srv.probes;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(srv.probes).toBe(at + 1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(srv.probes).toBe(at + 2);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(srv.probes).toBe(at + 3);
    srv.set(true);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(net.getState()).toBe('online');
    expect(back).toBe(2);
    expect(seen).toEqual(['online', 'offline', 'online']);
    net.stop();
  });

  it('takes another request’s outcome: no answer flips it offline at once, an answer back online', async () => {
    const srv = server();
    const net = new Connectivity({ probe: srv.probe, interfaceUp: () => true });
    net.start();
    await vi.advanceTimersByTimeAsync(0);
    srv.set(false);
    net.report(false);
    expect(net.getState()).toBe('offline');
    // The next probe comes soon (2 s), not after the idle 15 s.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(srv.probes).toBe(2);
    net.report(true);
    expect(net.getState()).toBe('online');
    net.stop();
  });

  it('does not probe while the network interface is down, and stops when stopped', async () => {
    const srv = server();
    let iface = false;
    const net = new Connectivity({ probe: srv.probe, interfaceUp: () => iface });
    net.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(net.getState()).toBe('offline');
    expect(srv.probes).toBe(0);
    iface = true;
    await net.check();
    expect(net.getState()).toBe('online');
    net.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(srv.probes).toBe(1);
  });

  it('counts a gateway’s "upstream down" as no answer, a refusal from the server as an answer', () => {
    expect([0, 502, 503, 504].map(serverAnswered)).toEqual([false, false, false, false]);
    expect([200, 400, 401, 409, 500].map(serverAnswered)).toEqual([true, true, true, true, true]);
  });
});
