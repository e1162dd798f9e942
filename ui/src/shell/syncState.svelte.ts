// The header's latest word from Rust on the sync, shared with the screens: a list on screen
// reloads when `revision` moves (a pull brought something: an online booking, another counter's
// walk-in or check-in), instead of waiting for its own minute-long refresh.
export const syncState = $state({ revision: 0 });
