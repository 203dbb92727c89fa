/**
 * A supervisor's notice to the waiting room (issue 13): words in the office's three languages, shown
 * on the boards and the kiosks from `from` until `until` unless withdrawn earlier, and read aloud
 * once per display. An urgent one (an evacuation, a system outage) takes the whole board. Pure:
 * the hub's board snapshot and the workstations' screens decide what is active with the same code.
 */
import type { Language } from './office';

export const NOTICE_URGENCIES = ['normal', 'urgent'] as const;
export type NoticeUrgency = (typeof NOTICE_URGENCIES)[number];
/** A notice is short: it is read aloud and shown in large type. */
export const MAX_NOTICE_TEXT = 500;

export interface Notice {
  readonly id: string;
  readonly text: Readonly<Record<Language, string>>;
  readonly from: number;
  readonly until: number;
  readonly urgency: NoticeUrgency;
  /** When a supervisor took it down before `until`; absent while it stands. */
  readonly withdrawnAt?: number;
  /** The login of who posted it (staff only: never in the board's public snapshot). */
  readonly by?: string;
  readonly updatedAt: number;
}

/** What a board or kiosk shows of a notice: no author, nothing personal. */
export type PublicNotice = Pick<Notice, 'id' | 'text' | 'from' | 'until' | 'urgency'>;

export function isActiveNotice(notice: Pick<Notice, 'from' | 'until' | 'withdrawnAt'>, now: number): boolean {
  return notice.withdrawnAt === undefined && notice.from <= now && now < notice.until;
}

/** The notices standing at `now`: urgent first, then the newest first. */
export function activeNotices<T extends Notice | PublicNotice>(notices: readonly T[], now: number): T[] {
  return notices
    .filter((notice) => isActiveNotice(notice, now))
    .sort((a, b) => rank(a) - rank(b) || b.from - a.from || a.id.localeCompare(b.id));
}

/** Not yet over and not withdrawn: what a board is sent, to show when its own clock reaches `from`. */
export function isPendingOrActive(notice: Pick<Notice, 'until' | 'withdrawnAt'>, now: number): boolean {
  return notice.withdrawnAt === undefined && now < notice.until;
}

export function toPublicNotice(notice: Notice): PublicNotice {
  return { id: notice.id, text: notice.text, from: notice.from, until: notice.until, urgency: notice.urgency };
}

/**
 * Withdrawn anywhere means withdrawn: the earliest withdrawal of the two stays, whatever else the
 * hub's version says (a notice's words do not change after it is posted).
 */
export function mergeWithdrawal<T extends Notice>(local: T, master: T): T {
  if (local.withdrawnAt === undefined) return master;
  if (master.withdrawnAt !== undefined && master.withdrawnAt <= local.withdrawnAt) return master;
  return { ...master, withdrawnAt: local.withdrawnAt, updatedAt: Math.max(local.updatedAt, master.updatedAt) };
}

function rank(notice: PublicNotice): number {
  return notice.urgency === 'urgent' ? 0 : 1;
}
