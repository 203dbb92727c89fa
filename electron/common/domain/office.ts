/**
 * The office's configuration: services (what visitors come for) and counters (where clerks sit).
 * Plain data, shared by the renderer, the station and the hub.
 */
import type { AvailabilityRule } from './availability';
import type { Closure, OpeningHours } from './calendar';
import type { ServiceIdentityField } from './identity';

export type Language = 'pl' | 'en' | 'uk';
export const LANGUAGES: readonly Language[] = ['pl', 'en', 'uk'];

export type Localized = Readonly<Record<Language, string>>;

/**
 * How priority tickets are interleaved with normal ones. Both rules are shown to supervisors in
 * words (see `describePriorityRule`), so nobody has to guess why a ticket was called.
 * - `strict`: a waiting priority ticket is always called first.
 * - `ratio`: after `normalPerPriority` normal calls a counter takes one priority ticket; if no
 *   normal ticket is waiting it takes a priority one at once, and the other way round.
 */
export type PriorityRule = { readonly mode: 'strict' } | { readonly mode: 'ratio'; readonly normalPerPriority: number };

/** Why a visitor is served first (the Polish statutes and the office's own list). */
export const PRIORITY_REASONS = ['disability', 'pregnancy', 'large-family', 'senior', 'veteran'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export interface Office {
  readonly id: string;
  readonly name: Localized;
  readonly timeZone: string;
  readonly priorityRule: PriorityRule;
  /** Reasons this office accepts (statutory ones plus, for example, seniors 75+ by the mayor's order). */
  readonly priorityReasons: readonly PriorityReason[];
  /** A short line printed at the bottom of every ticket. */
  readonly ticketNote: Localized;
  /** How late a visitor with an appointment may check in and still be called at the booked time. */
  readonly appointmentGraceMinutes: number;
  /** The wait the office aims at, in minutes (the reports' share within it); absent: 15. */
  readonly targetWaitMinutes?: number;
  /** Where the QR code on the ticket points: the office's queue status page, with `{id}` for the ticket. */
  readonly statusUrl: string;
  /** The office's postal address, for the booking page and the calendar file. */
  readonly address?: string;
  /** Opening hours per ISO weekday (calendar.ts); absent in an office set up before they were kept. */
  readonly hours?: OpeningHours;
  /** Days the office closes by its own decision; public holidays are computed, never listed. */
  readonly closures?: readonly Closure[];
}

export interface Service {
  readonly id: string;
  readonly name: Localized;
  /** One capital letter printed before the number, unique in the office. */
  readonly letter: string;
  /** Average minutes a clerk needs per visitor, for the estimate on the ticket. */
  readonly averageMinutes: number;
  /** Whether visitors may ask for priority service for this matter. */
  readonly allowsPriority: boolean;
  /** Order of buttons on the kiosk. */
  readonly position: number;
  /**
   * What the clerk needs to know about the visitor for this matter — and so all that is kept
   * (read from the ID card or typed); nothing else of a swiped document is shown or stored.
   */
  readonly identityFields?: readonly ServiceIdentityField[];
  /**
   * What the visitor confirms with a signature at the end of this matter ("I received my ID
   * card"), if anything. The Polish text is the one signed; the others are read to the visitor.
   */
  readonly acknowledgement?: Localized;
  /** The e-services (definition ids) a clerk may start from this matter, in the order offered. */
  readonly eservices?: readonly string[];
  readonly active: boolean;
  /** The priority reasons this matter accepts, of the office's (all of them when absent). */
  readonly priorityReasons?: readonly PriorityReason[];
  /** No more tickets a day than this. */
  readonly dailyLimit?: number;
  /** No ticket this many minutes before the office closes. */
  readonly cutoffMinutes?: number;
  /** Words a visitor may use for this matter, for the kiosk's service finder. */
  readonly searchWords?: Readonly<Record<Language, readonly string[]>>;
  /** When it can be booked (availability.ts); not bookable when absent or empty. */
  readonly availability?: readonly AvailabilityRule[];
}

export interface CounterDefinition {
  readonly number: number;
  readonly name: Localized;
  readonly services: readonly string[];
}

export function describePriorityRule(rule: PriorityRule): { mode: PriorityRule['mode']; normalPerPriority: number } {
  return rule.mode === 'strict'
    ? { mode: 'strict', normalPerPriority: 0 }
    : { mode: 'ratio', normalPerPriority: rule.normalPerPriority };
}

/**
 * The priority reasons a visitor may give for a matter: the office's, narrowed to those the service
 * accepts (all of the office's when it names none); none when the matter takes no priority at all.
 */
export function acceptedReasons(
  office: Pick<Office, 'priorityReasons'>,
  service: Pick<Service, 'allowsPriority' | 'priorityReasons'>,
): PriorityReason[] {
  if (!service.allowsPriority) return [];
  return office.priorityReasons.filter(
    (reason) => !service.priorityReasons || service.priorityReasons.includes(reason),
  );
}
