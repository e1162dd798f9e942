import type { idSync } from './id-sync';

// English for the strings in `id-sync.ts`; TypeScript refuses a missing or extra key.
export const enSync: Record<keyof typeof idSync, string> = {
  'sync.alone': 'No central',
  'sync.aloneHelp': 'This PC is not connected to the central service: all data stays on this PC only.',
  'sync.online': 'Central connected',
  'sync.offline': 'Central unreachable',
  'sync.stopped': 'Sync stopped',
  'sync.waiting': '{n} waiting',
  'sync.attention': 'Needs attention: {n}',
  'sync.title': 'Central service',
  'sync.intro':
    "Connect this PC to the central service with its address and a one-time enrolment code from the central admin. The PC's credential is kept in the system key store, not in the database.",
  'sync.url': 'Central service address',
  'sync.code': 'Enrolment code',
  'sync.connect': 'Connect',
  'sync.connected': 'This PC is connected to {url}.',
  'sync.notConnected': 'This PC is not connected to the central service.',
  'sync.lastPush': 'Last sent: {at} (office time).',
  'sync.never': 'Nothing sent yet.',
  'sync.acked': 'The central holds entries up to no. {n}; {waiting} entries waiting.',
  'sync.now': 'Send now',
  'sync.adminOnly': 'Only the admin can connect this PC to the central service.',
};
