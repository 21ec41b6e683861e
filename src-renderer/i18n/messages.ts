/**
 * The one message catalogue. English is the reference; Japanese must have every key (the type
 * enforces it). Placeholders are {name}.
 */
export const en = {
  'app.title': 'CodingWorker',
  'connection.connecting': 'Connecting to the worker…',
  'connection.connected': 'Connected',
  'connection.disconnected': 'Disconnected from the worker. Reconnecting…',
  'status.starting': 'Starting',
  'status.idle': 'Listening',
  'status.polling': 'Listening',
  'status.running': 'Working',
  'status.paused': 'Paused',
  'status.offline': 'Offline',
  'status.stopping': 'Stopping',
  'status.stopped': 'Stopped',
  'stats.queue': 'Queue',
  'stats.dlq': 'Dead-letter queue',
  'stats.approximate': 'approximate',
  'stats.unknown': 'unknown',
  'stats.waiting': '{count} waiting',
  'stats.inFlight': '{count} in progress',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = { readonly [K in MessageKey]: string };

export const ja: Catalogue = {
  'app.title': 'CodingWorker',
  'connection.connecting': 'ワーカーに接続しています…',
  'connection.connected': '接続済み',
  'connection.disconnected': 'ワーカーとの接続が切れました。再接続しています…',
  'status.starting': '起動中',
  'status.idle': '待機中',
  'status.polling': '待機中',
  'status.running': '作業中',
  'status.paused': '一時停止中',
  'status.offline': 'オフライン',
  'status.stopping': '停止しています',
  'status.stopped': '停止',
  'stats.queue': 'キュー',
  'stats.dlq': 'デッドレターキュー',
  'stats.approximate': '概算',
  'stats.unknown': '不明',
  'stats.waiting': '待ち {count} 件',
  'stats.inFlight': '処理中 {count} 件',
};

export const catalogues = { en, ja } as const;
export type Locale = keyof typeof catalogues;
