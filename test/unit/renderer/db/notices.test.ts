import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validatorFor } from '../../../../electron/hub/documents';
import type { OkienkoDatabase } from '../../../../renderer/db/database';
import { postNotice, withdrawNotice } from '../../../../renderer/db/notices';
import { createMemoryDatabase } from '../../../support/memory-db';

describe("the supervisor's notices in the workstation's database", () => {
  let db: OkienkoDatabase;
  beforeEach(async () => {
    db = await createMemoryDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('posts a notice the hub would take, and withdraws it once', async () => {
    const text = { pl: 'Ewakuacja. Proszę wyjść.', en: 'Evacuation. Please leave.', uk: 'Евакуація. Вийдіть.' };
    const id = await postNotice(db, { text, from: 10, until: 20, urgency: 'urgent', by: 'kierownik' }, 5);
    const posted = (await db.notices.findOne(id).exec())!.toJSON();
    expect(posted).toMatchObject({ text, from: 10, until: 20, urgency: 'urgent', by: 'kierownik', updatedAt: 5 });
    expect(validatorFor('notices')({ ...posted, _deleted: false })).toBeNull();

    await withdrawNotice(db, id, 15);
    await withdrawNotice(db, id, 17);
    const withdrawn = (await db.notices.findOne(id).exec())!.toJSON();
    expect(withdrawn).toMatchObject({ withdrawnAt: 15, updatedAt: 15 });
    expect(validatorFor('notices')({ ...withdrawn, _deleted: false })).toBeNull();
  });
});
