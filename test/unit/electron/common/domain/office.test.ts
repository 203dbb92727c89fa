import { describe, expect, it } from 'vitest';
import { acceptedReasons } from '../../../../../electron/common/domain/office';

describe('the priority reasons a matter accepts', () => {
  const office = { priorityReasons: ['disability', 'pregnancy', 'senior'] as const };

  it("are the office's, narrowed to those the service names", () => {
    expect(acceptedReasons(office, { allowsPriority: true })).toEqual(['disability', 'pregnancy', 'senior']);
    expect(acceptedReasons(office, { allowsPriority: true, priorityReasons: ['senior', 'veteran'] })).toEqual([
      'senior',
    ]);
  });

  it('are none for a matter that takes no priority, whatever it names', () => {
    expect(acceptedReasons(office, { allowsPriority: false, priorityReasons: ['senior'] })).toEqual([]);
  });
});
