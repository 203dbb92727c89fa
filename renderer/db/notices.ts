/**
 * The supervisor's notices to the waiting room (issue 13): posted and withdrawn here, replicated to
 * every workstation and, through the hub's board snapshot, to the TVs. A notice's words do not
 * change once posted: a correction is a new notice and the old one withdrawn.
 */
import type { Language } from '../../electron/common/domain/office';
import type { NoticeUrgency } from '../../electron/common/domain/notice';
import type { OkienkoDatabase } from './database';

export interface NewNotice {
  readonly text: Readonly<Record<Language, string>>;
  readonly from: number;
  readonly until: number;
  readonly urgency: NoticeUrgency;
  /** The login of who posts it. */
  readonly by?: string;
}

export async function postNotice(db: OkienkoDatabase, notice: NewNotice, now = Date.now()): Promise<string> {
  const id = crypto.randomUUID();
  const { by, ...rest } = notice;
  await db.notices.insert({ id, ...rest, ...(by ? { by } : {}), updatedAt: now });
  return id;
}

export async function withdrawNotice(db: OkienkoDatabase, id: string, now = Date.now()): Promise<void> {
  const doc = await db.notices.findOne(id).exec();
  if (!doc || doc.withdrawnAt !== undefined) return;
  await doc.incrementalPatch({ withdrawnAt: now, updatedAt: Math.max(now, doc.updatedAt + 1) });
}
