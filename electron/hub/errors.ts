/**
 * A refusal the hub explains: an HTTP status, a code for programs and one short English sentence
 * for the administrator reading the workstation's log. Thrown anywhere below the server and turned
 * into `{error, message}` (HubErrorSchema) by it.
 */
export class HubFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HubFailure';
  }
}

export const badRequest = (message: string) => new HubFailure(400, 'bad-request', message);
