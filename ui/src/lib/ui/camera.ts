// The camera loop's poller, shared by the QR panel and the passport scanner: Rust reads frames on
// its own thread, the screen opens the loop in its mode, reads the newest snapshot and releases the
// camera when it goes away (should that fail, Rust drops it on the next start anyway). The screen
// keeps its phases and words in the handlers.
import { api, onScreenLock, type CameraSnapshot, type ScanKind } from '$lib/ipc';
import { createPoller, type Poller, type PollerOptions } from './poller';

/** About seven previews a second. */
const POLL_MS = 150;
const RETRY_MS = 1000;

export type CameraHandlers = Pick<PollerOptions<CameraSnapshot, CameraSnapshot | null>, 'onopen' | 'onread' | 'onerror'>;

/** A poller for the camera loop in `kind` mode; `start()` opens the camera, `dispose()` releases it.
 * While the screen is locked Rust has stopped the camera: the poller stops with it, and opens it
 * again when the same officer unlocks, so the screen scans on as it did. */
export function pollCamera(kind: ScanKind, handlers: CameraHandlers): Poller {
  const poller = createPoller({
    every: POLL_MS,
    retry: RETRY_MS,
    open: () => api.startCamera(kind),
    read: () => api.cameraSnapshot(),
    release: () => api.stopCamera(),
    ...handlers,
  });
  return resumeAfterLock(poller, onScreenLock);
}

/** Stops `poller` when the screen locks and starts it again on unlock, if it was running. */
export function resumeAfterLock(poller: Poller, subscribe: (listener: (locked: boolean) => void) => () => void): Poller {
  let resume = false;
  const unsubscribe = subscribe((locked) => {
    if (locked) {
      resume = resume || poller.running;
      poller.stop();
    } else if (resume) {
      resume = false;
      void poller.start();
    }
  });
  return {
    start: () => poller.start(),
    stop: () => {
      resume = false;
      poller.stop();
    },
    dispose: () => {
      unsubscribe();
      poller.dispose();
    },
    get running() {
      return poller.running;
    },
  };
}
