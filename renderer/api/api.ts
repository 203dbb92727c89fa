/**
 * The renderer's one way to reach the station. In Electron the preload has put the typed bridge on
 * `window.okienko`; in a plain browser the same API is built over the host's WebSocket.
 */
import { createApi, type Api, type EventSource } from '../../electron/common/contract/client';
import { createWebSocketTransport } from './ws-transport';

export type StationApi = Api & EventSource;

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    readonly okienko?: StationApi;
  }
}

let api: StationApi | null = null;

export function stationApi(): StationApi {
  api ??= window.okienko ?? createApi(createWebSocketTransport());
  return api;
}
