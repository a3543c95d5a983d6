// First run and public sign-up: both create a workspace with its owner and sign
// the owner in. Setup works only while the server has no workspace at all;
// sign-up only when the server enables it.
import { z } from 'zod';
import { sql, workspaces, type Database } from '@parley/db';
import { DomainError, forbidden } from '../shared/errors.js';
import type { CoreDeps } from '../shared/transaction.js';
import { validate } from '../shared/validate.js';
import type { RequestInfo } from '../visitors/visitor-profile.js';
import { createWorkspace } from '../workspaces/create-workspace.js';
import { assertPasswordPolicy, MAX_PASSWORD_LENGTH } from './password-policy.js';
import { createSession, type SessionResult } from './sessions.js';

/** Shared with the demo seed: whoever holds it decides whether the server is still empty. */
export const FIRST_WORKSPACE_LOCK = 727002;

export interface SetupStatus {
  needsSetup: boolean;
  signUpEnabled: boolean;
  /** False when no mail transport is configured: resets go through an administrator. */
  passwordResetByEmail: boolean;
}

/** Anonymous: what the sign-in page should offer. */
export async function getSetupStatus(deps: CoreDeps): Promise<SetupStatus> {
  const [any] = await deps.db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return {
    needsSetup: !any,
    signUpEnabled: deps.accounts.signUpEnabled,
    passwordResetByEmail: deps.mailer !== null,
  };
}

const NewWorkspaceInput = z.object({
  workspaceName: z.string().trim().min(1, 'is required').max(100),
  name: z.string().trim().min(1, 'is required').max(100),
  email: z.email('is not an email address').max(320),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

/**
 * Creates the server's first workspace and its owner, then signs the owner in.
 * Concurrent calls serialise on an advisory lock; every call after the first
 * (or after the demo seed) is FORBIDDEN.
 */
export async function setUpWorkspace(
  deps: CoreDeps,
  input: unknown,
  request: RequestInfo = {},
): Promise<SessionResult> {
  const { workspaceName, name, email, password } = validate(NewWorkspaceInput, input);
  await assertPasswordPolicy(password);
  return deps.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await db.execute(sql`select pg_advisory_xact_lock(${FIRST_WORKSPACE_LOCK})`);
    const [existing] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (existing) throw forbidden('This server is already set up; sign in instead.');
    const created = await createWorkspace(
      { ...deps, db },
      { name: workspaceName, owner: { email, name, password } },
    );
    return createSession(
      db,
      {
        workspaceId: created.workspaceId,
        agentId: created.owner.agentId,
        role: 'OWNER',
        customPermissions: null,
      },
      request,
    );
  });
}

/**
 * Public sign-up (when enabled): a new workspace with its owner. An email that
 * already has an account gets a neutral CONFLICT that neither signs anyone in
 * nor says more than that it cannot be used; the per-address limit bounds
 * probing.
 */
export async function signUp(
  deps: CoreDeps,
  input: unknown,
  request: RequestInfo = {},
): Promise<SessionResult> {
  if (!deps.accounts.signUpEnabled) throw forbidden('Sign-up is disabled on this server.');
  await deps.limits.signUpPerAddress.consume(request.ip ?? 'unknown');
  const { workspaceName, name, email, password } = validate(NewWorkspaceInput, input);
  await assertPasswordPolicy(password);
  let created;
  try {
    created = await createWorkspace(deps, {
      name: workspaceName,
      owner: { email, name, password },
    });
  } catch (error) {
    // Taken before (the check in createWorkspace) or concurrently (the unique index).
    if ((error instanceof DomainError && error.code === 'CONFLICT') || isUniqueViolation(error)) {
      throw new DomainError(
        'CONFLICT',
        'This email cannot be used to sign up. If it is yours, sign in or reset your password.',
        { field: 'email' },
      );
    }
    throw error;
  }
  return createSession(
    deps.db,
    {
      workspaceId: created.workspaceId,
      agentId: created.owner.agentId,
      role: 'OWNER',
      customPermissions: null,
    },
    request,
  );
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
