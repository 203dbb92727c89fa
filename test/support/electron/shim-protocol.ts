/** Sent by utility-shim.ts once the child listens; fake-electron.ts holds messages until then. */
export const SHIM_READY = '__okienko_shim_ready__';
