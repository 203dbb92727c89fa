/**
 * The visitors' answers of a day in this workstation's own copy (the `satisfaction` collection,
 * which a supervisor's workstation pulls from the hub), for today's report without the hub. null
 * when this database has no such collection: then the report says the answers are counted at the
 * hub, rather than showing none.
 */
import { map, of } from 'rxjs';
import type { AnswerForFigures } from '../../../electron/common/reports/satisfaction-figures';
import { useObservable } from '../../app/use-rx';
import { useWorkstation } from '../../app/workstation';

export function useAnswersOfDay(day: string): readonly AnswerForFigures[] | null {
  const { db } = useWorkstation();
  return useObservable<readonly AnswerForFigures[] | null>(
    () => {
      const answers = (db as Partial<typeof db>).satisfaction;
      if (!answers) return of(null);
      return answers.find({ selector: { day } }).$.pipe(
        map((docs) =>
          docs.map((doc) => {
            const { service, score, reasons } = doc.toJSON() as AnswerForFigures;
            return { service, score, reasons };
          }),
        ),
      );
    },
    null,
    [db, day],
  );
}
