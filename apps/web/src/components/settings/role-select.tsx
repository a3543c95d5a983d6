'use client';

import type { CustomRoleFieldsFragment, Role } from '@/generated/graphql';
import { BUILT_IN_ROLES, roleLabel } from '@/lib/settings/labels';
import { encodeRoleChoice, type RoleChoice } from '@/lib/settings/permissions';
import { inputClass } from './ui';

/** Built-in roles the viewer may give, then custom roles (agents with those permissions). */
export function RoleSelect({
  id,
  value,
  assignable,
  customRoles,
  onChange,
  disabled,
  testId,
  label,
}: {
  id: string;
  value: RoleChoice;
  assignable: readonly Role[];
  customRoles: readonly Pick<CustomRoleFieldsFragment, 'id' | 'name'>[];
  onChange: (value: string) => void;
  disabled?: boolean;
  testId?: string;
  label: string;
}) {
  const current = encodeRoleChoice(value);
  return (
    <select
      id={id}
      aria-label={label}
      data-testid={testId}
      value={current}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      className={`${inputClass} py-1.5 pr-8`}
    >
      {BUILT_IN_ROLES.map((role) => (
        <option
          key={role}
          value={`role:${role}`}
          disabled={!assignable.includes(role) && current !== `role:${role}`}
        >
          {roleLabel[role]}
        </option>
      ))}
      {customRoles.length > 0 ? (
        <optgroup label="Custom roles">
          {customRoles.map((role) => (
            <option
              key={role.id}
              value={`custom:${role.id}`}
              disabled={!assignable.includes('AGENT')}
            >
              {role.name}
            </option>
          ))}
        </optgroup>
      ) : null}
    </select>
  );
}
