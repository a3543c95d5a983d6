// Password reset by e-mail. Requesting always answers the same (no account
// enumeration); the link carries a single-use token that expires in an hour,
// stored as SHA-256 like invitations. Resetting ends every session of the
// account and signs the person in.
import { z } from 'zod';
import { agents, and, eq, gt, isNull, memberships, passwordResetTokens, sql } from '@parley/db';
import { audit } from '../audit/audit-log.js';
import { requireAgent, type Actor } from '../shared/actor.js';
import { DomainError, forbidden, notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';
import type { Mailer } from '../mail/mailer.js';
import type { RequestInfo } from '../visitors/visitor-profile.js';
import { hashPassword } from './password.js';
import { assertPasswordPolicy, MAX_PASSWORD_LENGTH } from './password-policy.js';
import {
  createSession,
  firstActiveMembership,
  revokeAgentSessions,
  type SessionResult,
} from './sessions.js';
import { hashToken, newToken } from './tokens.js';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
const RESET_TOKEN_PREFIX = 'prt_';

const RequestInput = z.object({ email: z.string().trim().min(1, 'is required').max(320) });

/**
 * Mails a reset link when the email belongs to an active member and a mailer is
 * configured. Always true: the answer never says whether an account exists.
 */
export async function requestPasswordReset(
  deps: CoreDeps,
  input: unknown,
  request: RequestInfo = {},
): Promise<boolean> {
  const { email } = validate(RequestInput, input);
  await deps.limits.passwordResetPerAddress.consume(request.ip ?? 'unknown');
  const mailer = deps.mailer;
  if (!mailer) return true;
  try {
    await deps.limits.passwordResetPerEmail.consume(email.toLowerCase());
  } catch {
    // Over the per-email limit: answer as always, send nothing more.
    return true;
  }
  // Looked up and mailed after answering, so the response time does not tell
  // whether the account exists either.
  void mailResetLink(deps, mailer, email).catch(deps.accounts.onError);
  return true;
}

async function mailResetLink(deps: CoreDeps, mailer: Mailer, email: string): Promise<void> {
  const [agent] = await deps.db
    .select({ id: agents.id, email: agents.email, name: agents.name })
    .from(agents)
    .where(eq(sql`lower(${agents.email})`, email.toLowerCase()))
    .limit(1);
  if (!agent || !(await firstActiveMembership(deps.db, agent.id))) return;
  const token = newToken(RESET_TOKEN_PREFIX);
  await deps.db.insert(passwordResetTokens).values({
    agentId: agent.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS),
  });
  const link = resetLink(deps, token);
  await mailer.send({
    to: agent.email,
    subject: 'Reset your Parley password',
    text:
      `Hello ${agent.name},\n\nSomeone (hopefully you) asked to reset the password of your Parley account.\n` +
      `Choose a new password within an hour: ${link}\n\n` +
      `If you did not ask for this, ignore this message; your password stays as it is.\n`,
  });
}

const ResetInput = z.object({
  token: z.string().min(10).max(200),
  newPassword: z.string().max(MAX_PASSWORD_LENGTH),
});

const INVALID_LINK = 'This reset link is invalid, used or expired; ask for a new one.';

/**
 * Sets a new password from a reset link, once. The token is checked before the
 * (costly) hashing; every session of the account ends; the person is signed in.
 */
export async function resetPassword(
  deps: CoreDeps,
  input: unknown,
  request: RequestInfo = {},
): Promise<SessionResult> {
  const { token, newPassword } = validate(ResetInput, input);
  const tokenHash = hashToken(token);
  const live = and(
    eq(passwordResetTokens.tokenHash, tokenHash),
    isNull(passwordResetTokens.usedAt),
    gt(passwordResetTokens.expiresAt, sql`now()`),
  );
  const [pending] = await deps.db
    .select({ agentId: passwordResetTokens.agentId })
    .from(passwordResetTokens)
    .where(live);
  if (!pending) throw new DomainError('NOT_FOUND', INVALID_LINK);
  await assertPasswordPolicy(newPassword, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(deps, async (tx) => {
    // Spend the token first: of two concurrent resets, only one gets a row back.
    const [spent] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(live)
      .returning({ agentId: passwordResetTokens.agentId });
    if (!spent) throw new DomainError('NOT_FOUND', INVALID_LINK);
    const membership = await firstActiveMembership(tx, spent.agentId);
    if (!membership) throw new DomainError('NOT_FOUND', INVALID_LINK);
    await tx.update(agents).set({ passwordHash }).where(eq(agents.id, spent.agentId));
    // Any other outstanding link for this account dies with the old password.
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(eq(passwordResetTokens.agentId, spent.agentId), isNull(passwordResetTokens.usedAt)),
      );
    await revokeAgentSessions(tx, spent.agentId, { actorType: 'system', actorId: null });
    return createSession(tx, membership, request);
  });
}

export interface PasswordResetLink {
  link: string;
  expiresAt: Date;
}

const LinkInput = z.object({ agentId: Id });

/**
 * For servers without e-mail: an owner or admin (team.manage) makes a reset
 * link for a member of their workspace and hands it over. Only owners may do
 * it for owners (or an admin could take over an owner's account), and never
 * for someone who also belongs to another workspace (whose admins would
 * otherwise reach into it).
 */
export async function createPasswordResetLink(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<PasswordResetLink> {
  const admin = requireAgent(actor);
  requirePermission(admin, 'team.manage');
  const { agentId } = validate(LinkInput, input);
  const rows = await deps.db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.agentId, agentId));
  const here = rows.find((row) => row.workspaceId === admin.workspaceId);
  if (!here) throw notFound('Member');
  if (here.role === 'OWNER' && admin.role !== 'OWNER') {
    throw forbidden("Only an owner can make a reset link for an owner's password.");
  }
  if (rows.length > 1) {
    throw forbidden(
      'This person also belongs to another workspace, so only they can reset their password (by e-mail).',
    );
  }
  const token = newToken(RESET_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
  await inTransaction(deps, async (tx) => {
    await tx
      .insert(passwordResetTokens)
      .values({ agentId, tokenHash: hashToken(token), expiresAt });
    await audit(tx, admin, 'password.reset_link_created', { type: 'agent', id: agentId }, null, {
      expiresAt,
    });
  });
  return { link: resetLink(deps, token), expiresAt };
}

function resetLink(deps: CoreDeps, token: string): string {
  return `${deps.accounts.publicUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}
