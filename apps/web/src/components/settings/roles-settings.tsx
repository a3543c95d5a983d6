'use client';

import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useCreateCustomRoleMutation,
  useCustomRolesQuery,
  useDeleteCustomRoleMutation,
  useUpdateCustomRoleMutation,
  type CustomRoleFieldsFragment,
  type Permission,
} from '@/generated/graphql';
import { ALL_PERMISSIONS, BUILT_IN_ROLES, permissionInfo, roleLabel } from '@/lib/settings/labels';
import { BUILT_IN_ROLE_PERMISSIONS, SECTIONS } from '@/lib/settings/permissions';
import { validateAtLeastOne, validateName } from '@/lib/settings/validation';
import { CheckIcon } from '../icons';
import {
  Badge,
  Card,
  Checkbox,
  ConfirmButton,
  ErrorNotice,
  FieldError,
  inputClass,
  Notice,
  primaryButton,
  secondaryButton,
  SectionHeader,
  toggleIn,
} from './ui';

const info = SECTIONS.find((s) => s.id === 'roles');

export function RolesSettings() {
  const [{ data, error, fetching }, refetch] = useCustomRolesQuery({
    requestPolicy: 'network-only',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const roles = data?.customRoles ?? [];
  return (
    <div>
      <SectionHeader title="Roles" description={info?.description ?? ''} />
      <Card title="Built-in roles" description="Fixed; every member has one of them.">
        <div className="-mx-5 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm" data-testid="built-in-roles">
            <thead className="text-xs text-slate-500">
              <tr className="border-b border-slate-100">
                <th className="px-5 py-2 font-medium">Permission</th>
                {BUILT_IN_ROLES.map((role) => (
                  <th key={role} className="px-3 py-2 text-center font-medium">
                    {roleLabel[role]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ALL_PERMISSIONS.map((permission) => (
                <tr key={permission} className="border-b border-slate-100 last:border-0">
                  <td className="px-5 py-1.5 text-slate-800">{permissionInfo[permission].label}</td>
                  {BUILT_IN_ROLES.map((role) => {
                    const has = BUILT_IN_ROLE_PERMISSIONS[role].includes(permission);
                    return (
                      <td key={role} className="px-3 py-1.5 text-center">
                        {has ? (
                          <>
                            <CheckIcon className="inline size-4 text-emerald-600" />
                            <span className="sr-only">Included</span>
                          </>
                        ) : (
                          <>
                            <span aria-hidden="true" className="text-slate-300">
                              –
                            </span>
                            <span className="sr-only">Not included</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card
        title="Custom roles"
        description="Members with a custom role are agents with exactly these permissions."
        actions={
          editing === null ? (
            <button
              type="button"
              data-testid="custom-role-new"
              onClick={() => setEditing('new')}
              className={primaryButton}
            >
              New role
            </button>
          ) : null
        }
      >
        {error && !data ? <ErrorNotice error={error} /> : null}
        {fetching && !data ? <p className="text-sm text-slate-500">Loading…</p> : null}
        {editing === 'new' ? (
          <RoleForm
            onDone={() => {
              setEditing(null);
              reload();
            }}
          />
        ) : null}
        {data && roles.length === 0 && editing !== 'new' ? (
          <Notice>No custom roles yet.</Notice>
        ) : null}
        <ul className="divide-y divide-slate-100">
          {roles.map((role) =>
            editing === role.id ? (
              <li key={role.id} className="py-3">
                <RoleForm
                  role={role}
                  onDone={() => {
                    setEditing(null);
                    reload();
                  }}
                />
              </li>
            ) : (
              <CustomRoleRow
                key={role.id}
                role={role}
                onEdit={() => setEditing(role.id)}
                onDeleted={reload}
              />
            ),
          )}
        </ul>
      </Card>
    </div>
  );
}

function CustomRoleRow({
  role,
  onEdit,
  onDeleted,
}: {
  role: CustomRoleFieldsFragment;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const [{ fetching }, remove] = useDeleteCustomRoleMutation();
  const [error, setError] = useState<CombinedError | null>(null);
  async function handleDelete() {
    setError(null);
    const result = await remove({ id: role.id });
    if (result.error) setError(result.error);
    else onDeleted();
  }
  return (
    <li data-testid="custom-role" className="py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-semibold text-slate-900">{role.name}</p>
          <p className="text-xs text-slate-500">
            {role.memberCount} {role.memberCount === 1 ? 'member' : 'members'}
          </p>
          <div className="mt-1.5 flex flex-wrap gap-1">
            {role.permissions.length === 0 ? (
              <span className="text-xs text-slate-500">No permissions</span>
            ) : (
              role.permissions.map((p) => <Badge key={p}>{permissionInfo[p].label}</Badge>)
            )}
          </div>
        </div>
        <div className="flex gap-2">
          <button type="button" onClick={onEdit} className={secondaryButton}>
            Edit
          </button>
          <ConfirmButton
            label="Delete"
            confirmLabel={role.memberCount > 0 ? 'Delete; members become agents' : 'Delete role'}
            disabled={fetching}
            onConfirm={() => void handleDelete()}
          />
        </div>
      </div>
      <div className="mt-2">
        <ErrorNotice error={error} />
      </div>
    </li>
  );
}

function RoleForm({ role, onDone }: { role?: CustomRoleFieldsFragment; onDone: () => void }) {
  const [{ fetching: creating }, create] = useCreateCustomRoleMutation();
  const [{ fetching: updating }, update] = useUpdateCustomRoleMutation();
  const [name, setName] = useState(role?.name ?? '');
  const [permissions, setPermissions] = useState<Permission[]>(
    role ? [...role.permissions] : ['CONVERSATION_VIEW_ALL'],
  );
  const [nameError, setNameError] = useState<string | null>(null);
  const [permissionsError, setPermissionsError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<CombinedError | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const badName = validateName(name, 'Name', 50);
    const badPermissions = validateAtLeastOne(permissions, 'permission');
    setNameError(badName);
    setPermissionsError(badPermissions);
    if (badName || badPermissions) return;
    const input = { name: name.trim(), permissions };
    const result = role ? await update({ id: role.id, input }) : await create({ input });
    if (result.error) setServerError(result.error);
    else onDone();
  }

  const idPrefix = role ? `role-${role.id}` : 'role-new';
  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      data-testid="custom-role-form"
      className="mb-3 space-y-3 rounded-xl border border-indigo-100 bg-indigo-50/40 p-4"
    >
      <div className="max-w-sm">
        <label htmlFor={`${idPrefix}-name`} className="block text-sm font-medium text-slate-700">
          Role name
        </label>
        <input
          id={`${idPrefix}-name`}
          data-testid="custom-role-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Supervisor"
          aria-invalid={nameError ? true : undefined}
          className={`${inputClass} mt-1.5`}
        />
        <FieldError id={`${idPrefix}-name-error`} message={nameError} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Permissions</legend>
        <div className="mt-1 grid gap-x-2 sm:grid-cols-2">
          {ALL_PERMISSIONS.map((p) => (
            <Checkbox
              key={p}
              testId={`custom-role-permission-${p}`}
              checked={permissions.includes(p)}
              onChange={(on) => setPermissions((s) => toggleIn(s, p, on, ALL_PERMISSIONS))}
              label={permissionInfo[p].label}
              description={permissionInfo[p].description}
            />
          ))}
        </div>
        <FieldError id={`${idPrefix}-permissions-error`} message={permissionsError} />
      </fieldset>
      <ErrorNotice error={serverError} />
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="custom-role-save"
          disabled={creating || updating}
          className={primaryButton}
        >
          {role ? 'Save role' : 'Create role'}
        </button>
        <button type="button" onClick={onDone} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
