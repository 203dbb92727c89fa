/**
 * The station's log: one JSON object per line on stderr. Log calls take a message and a small
 * record of facts; fields whose names suggest personal data or secrets are dropped, and strings
 * that look like a PESEL or an ID-card number are masked, so a careless call cannot leak them.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const FORBIDDEN_FIELD = /pesel|document|passport|name|surname|birth|address|token|secret|password|mrz|signature/i;
const PESEL_LIKE = /\b\d{11}\b/g;
const ID_CARD_LIKE = /\b[A-Z]{3}\d{6}\b/g;

export function redact(value: string): string {
  return value.replace(PESEL_LIKE, '[pesel]').replace(ID_CARD_LIKE, '[id-number]');
}

export function sanitizeFields(fields: LogFields | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    if (FORBIDDEN_FIELD.test(key)) {
      out[key] = '[redacted]';
      continue;
    }
    out[key] = typeof value === 'string' ? redact(value) : value;
  }
  return out;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; scope?: string } = {},
): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        ...(options.scope ? { scope: options.scope } : {}),
        message: redact(message),
        ...sanitizeFields(fields),
      }),
    );
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
