/**
 * Managing the office's accounts from the admin screen: the same commands as
 * `npm run hub -- user …` (electron/node/accounts/user-command.ts), carried by the station to the
 * hub in the admin's session, or run on the workstation's own accounts when it has no hub.
 */
import { z } from 'zod';
import { USER_ROLES } from '../access/subjects';
import { LOGIN_PATTERN } from './hub-auth';

const Login = z.string().trim().toLowerCase().regex(LOGIN_PATTERN, 'a login is 1-64 letters, digits, . _ @ -');
const Roles = z.array(z.enum(USER_ROLES)).min(1).max(3);

export const AccountChangeSchema = z.discriminatedUnion('command', [
  z
    .object({
      command: z.literal('user.add'),
      login: Login,
      roles: Roles,
      displayName: z.string().trim().min(1).max(120).optional(),
      services: z.array(z.string().max(64)).max(50).optional(),
    })
    .strict(),
  z.object({ command: z.literal('user.roles'), login: Login, roles: Roles }).strict(),
  z.object({ command: z.enum(['user.disable', 'user.enable', 'user.reset']), login: Login }).strict(),
]);
export type AccountChange = z.infer<typeof AccountChangeSchema>;

export const AccountChangeReplySchema = z.object({
  /** Shown once, to hand over in person: after `user.add` and `user.reset`. */
  oneTimePassword: z.string().optional(),
});
export type AccountChangeReply = z.infer<typeof AccountChangeReplySchema>;

export const AccountInfoSchema = z.object({
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(USER_ROLES)),
  active: z.boolean(),
  locked: z.boolean(),
  mustChange: z.boolean(),
  /** An authenticator app is enrolled (a supervisor's or admin's second factor); a reset removes it. */
  secondFactor: z.boolean().optional(),
  /** 'directory': the office's LDAP checks the password; reset does not apply. */
  source: z.enum(['local', 'directory']).optional(),
});
export type AccountInfo = z.infer<typeof AccountInfoSchema>;
export const AccountListSchema = z.array(AccountInfoSchema);
