/**
 * `npm run lint` runs this: every commit since the house rule began has a subject of at most 72
 * characters (it is what `git log --oneline`, GitHub and mail clients show whole) and a body that
 * says why. Older commits are history and are not judged.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainModule } from '../../electron/node/main-module';

/** The last commit before the rule; everything after it is checked. */
export const RULE_BASE = 'eb1159aefa4c1b4131603314f13b414a9acd62fc';
export const MAX_SUBJECT = 72;

export interface CommitMessage {
  readonly hash: string;
  readonly subject: string;
  readonly body: string;
}

/** What is wrong with one commit message, in words; empty when nothing is. */
export function commitMessageProblems(commit: CommitMessage): string[] {
  const problems: string[] = [];
  if (commit.subject.length > MAX_SUBJECT) {
    problems.push(`subject is ${commit.subject.length} characters (at most ${MAX_SUBJECT})`);
  }
  if (commit.body.trim() === '') problems.push('no body: say why in the body');
  return problems;
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

export function commitsSince(base: string, cwd: string): CommitMessage[] {
  const raw = git(['log', '--no-merges', '--format=%H%x1f%s%x1f%b%x1e', `${base}..HEAD`], cwd);
  return raw
    .split('\x1e')
    .map((record) => record.trim())
    .filter((record) => record !== '')
    .map((record) => {
      const [hash = '', subject = '', body = ''] = record.split('\x1f');
      return { hash, subject, body };
    });
}

function main(): void {
  const cwd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  try {
    git(['cat-file', '-e', `${RULE_BASE}^{commit}`], cwd);
  } catch {
    console.error(
      `check-commit-messages: commit ${RULE_BASE} is not in this clone (a shallow clone?); fetch the history.`,
    );
    process.exit(1);
  }
  const commits = commitsSince(RULE_BASE, cwd);
  const failures = commits.flatMap((commit) =>
    commitMessageProblems(commit).map((problem) => `${commit.hash.slice(0, 8)} "${commit.subject}": ${problem}`),
  );
  for (const failure of failures) console.error(failure);
  console.log(`commit messages: ${commits.length} checked since ${RULE_BASE.slice(0, 8)}, ${failures.length} problems`);
  if (failures.length > 0) process.exit(1);
}

if (isMainModule(import.meta.url)) main();
