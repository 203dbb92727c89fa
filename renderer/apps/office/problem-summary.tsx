/**
 * The problems of a save that was refused, at the top of the screen (GOV.UK's error summary): it
 * takes the focus, says nothing was saved, and each line is a link to the field it names.
 */
import type { RefObject } from 'react';
import { useT } from '../../i18n/i18n';
import { focusPlace } from './form';
import type { PlacedProblem } from './use-office-setup';

export function ProblemSummary({
  problems,
  summaryRef,
}: {
  problems: readonly PlacedProblem[];
  summaryRef: RefObject<HTMLElement | null>;
}) {
  const t = useT();
  return (
    <section className="office-summary" aria-labelledby="office-summary-title" tabIndex={-1} ref={summaryRef}>
      <h2 id="office-summary-title">{t('office.problems.title', { count: problems.length })}</h2>
      <p>{t('office.problems.unsaved')}</p>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            <a
              href={`#${problem.place}`}
              onClick={(event) => {
                // The address is the screen's route: the link only moves the focus.
                event.preventDefault();
                focusPlace(problem.place);
              }}
            >
              {problem.text}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
