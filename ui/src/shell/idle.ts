// The idle timer behind the screen lock: any key press, click, touch, wheel or pointer movement in
// the window starts the wait again; `minutes` of none calls `onidle` once. Kept apart from the
// component so a test drives it with fake timers and a plain event target.

/** What counts as the officer being there. */
export const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export interface IdleWatch {
  /** Stops watching (the screen locked, or the session ended). */
  stop(): void;
}

export function watchIdle(target: EventTarget, minutes: number, onidle: () => void): IdleWatch {
  const wait = Math.max(1, minutes) * 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const restart = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      stop();
      onidle();
    }, wait);
  };
  function stop() {
    stopped = true;
    clearTimeout(timer);
    for (const kind of ACTIVITY) target.removeEventListener(kind, restart);
  }
  for (const kind of ACTIVITY) target.addEventListener(kind, restart, { passive: true });
  restart();
  return { stop };
}
