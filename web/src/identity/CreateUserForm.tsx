import { useMutation } from '@apollo/client/react';
import { z } from 'zod';
import { appendToConnection } from '../ui/connection-cache.ts';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { useToast } from '../ui/Toast.tsx';
import { useMutationForm } from '../ui/use-mutation-form.ts';
import { createUserMutation } from './UserOperations.ts';

export const tenantRoleOptions = [
  { value: 'CLIENT', label: 'Client' },
  { value: 'ADMIN', label: 'Admin' },
] as const;

const optionalName = z.string().trim().max(100, 'At most 100 characters');

const userSchema = z.object({
  email: z.string().trim().email('Enter an email address'),
  firstName: optionalName,
  lastName: optionalName,
  role: z.enum(['ADMIN', 'CLIENT']),
  // Empty: an invitation; the user sets a password through the mailed link.
  password: z.union([z.literal(''), z.string().min(8, 'At least 8 characters, or leave empty to invite')]),
});

type UserValues = z.infer<typeof userSchema>;

const blankToNull = (value: string) => value || null;

/** Creates a user of the ADMIN's tenant, with a password or as an invitation. */
export function CreateUserForm({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const [createUser] = useMutation(createUserMutation);
  const { form, onSubmit, errors, submitting } = useMutationForm<UserValues>({
    schema: userSchema,
    defaultValues: { email: '', firstName: '', lastName: '', role: 'CLIENT', password: '' },
    submit: async ({ email, firstName, lastName, role, password }) => {
      const input = {
        email,
        role,
        firstName: blankToNull(firstName),
        lastName: blankToNull(lastName),
        password: blankToNull(password),
      };
      await createUser({
        variables: { input },
        update: (cache, { data }) => appendToConnection(cache, 'users', data?.createUser, 'UserEdge'),
      });
      toast(password ? `User ${email} created` : `${email} invited`);
      onDone();
    },
  });
  return (
    <FormPanel title="New user" submitLabel="Create user" {...{ onSubmit, errors, submitting }} onCancel={onDone}>
      <TextField form={form} name="email" label="Email" type="email" autoComplete="off" />
      <div className="grid grid-cols-2 gap-4">
        <TextField form={form} name="firstName" label="First name" autoComplete="off" />
        <TextField form={form} name="lastName" label="Last name" autoComplete="off" />
      </div>
      <SelectField form={form} name="role" label="Role" options={tenantRoleOptions} />
      <TextField
        form={form}
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to invite: the user gets a mail with a link, valid 7 days, to set a password."
      />
    </FormPanel>
  );
}
