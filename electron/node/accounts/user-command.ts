/**
 * `user …` on the command line, for the hub (`npm run hub -- user …`) and for a workstation that
 * works alone (`npm run serve -- user …`) alike: the same words manage the same accounts.
 */
import { isUserRole, USER_ROLES, type UserRole } from '../../common/access/subjects';

export type UserCommand =
  | {
      readonly command: 'user.add';
      readonly login: string;
      readonly roles: readonly UserRole[];
      readonly displayName?: string;
      readonly services?: readonly string[];
    }
  | { readonly command: 'user.roles'; readonly login: string; readonly roles: readonly UserRole[] }
  | { readonly command: 'user.disable' | 'user.enable' | 'user.reset'; readonly login: string }
  | { readonly command: 'user.list' };

/** The options `user …` reads. */
export interface UserOptionValues {
  readonly role?: readonly string[] | undefined;
  readonly service?: readonly string[] | undefined;
  readonly 'display-name'?: string | undefined;
}

/** `user <action> [<login>]` with its options; `fail` makes the caller's usage error. */
export function parseUserCommand(
  action: string | undefined,
  rest: readonly string[],
  values: UserOptionValues,
  fail: (message: string) => Error,
): UserCommand {
  if (action === 'list' && rest.length === 0) return { command: 'user.list' };
  const [login, ...more] = rest;
  if (!login || more.length > 0) throw fail(`user ${action ?? '<command>'} takes one <login>`);
  switch (action) {
    case 'add':
      return {
        command: 'user.add',
        login,
        roles: roles(values, fail),
        ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
        ...(values.service ? { services: values.service } : {}),
      };
    case 'roles':
      return { command: 'user.roles', login, roles: roles(values, fail) };
    case 'disable':
    case 'enable':
    case 'reset':
      return { command: `user.${action}`, login };
    default:
      throw fail('user needs one of: add, reset, disable, enable, roles, list');
  }
}

function roles(values: UserOptionValues, fail: (message: string) => Error): UserRole[] {
  const given = values.role ?? [];
  if (given.length === 0) throw fail(`give at least one --role ${USER_ROLES.join('|')}`);
  const wrong = given.find((role) => !isUserRole(role));
  if (wrong !== undefined) throw fail(`--role must be one of ${USER_ROLES.join(', ')}, not "${wrong}"`);
  return given as UserRole[];
}

/** What a user command printed: the secret alone on stdout (for scripts), the explanation on stderr. */
export interface Printed {
  readonly stdout: string;
  readonly stderr?: string;
}

export function oneTimePasswordPrinted(login: string, password: string): Printed {
  return {
    stdout: password,
    stderr: `One-time password for "${login}": hand it over in person; it must be changed at the first sign-in.`,
  };
}
