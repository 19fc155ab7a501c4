import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { enumLabel } from '../ui/format.ts';
import { type EditFormProps, useEditForm } from '../ui/use-api-form.ts';
import {
  type CustomerFormValues,
  type CustomerInput,
  customerFormSchema,
  customerInput,
  customerStatuses,
} from './customer-form.ts';

const fieldNames = ['email', 'firstName', 'lastName', 'company', 'phone', 'status', 'source', 'tags'] as const;
const statusOptions = customerStatuses.map((status) => ({ value: status, label: enumLabel(status) }));

/** Create or edit a customer: zod checks first, then the API's field errors land on their inputs. */
export function CustomerForm(props: EditFormProps<CustomerFormValues, CustomerInput>) {
  const { form, panel } = useEditForm(props, {
    schema: customerFormSchema,
    fields: fieldNames,
    toSaved: customerInput,
  });
  return (
    <FormPanel {...panel}>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField form={form} name="firstName" label="First name" autoComplete="off" />
        <TextField form={form} name="lastName" label="Last name" autoComplete="off" />
      </div>
      <TextField form={form} name="email" label="Email" type="email" autoComplete="off" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField form={form} name="company" label="Company" />
        <TextField form={form} name="phone" label="Phone" type="tel" />
        <SelectField form={form} name="status" label="Status" options={statusOptions} />
        <TextField form={form} name="source" label="Source" hint="e.g. website, referral" />
      </div>
      <TextField form={form} name="tags" label="Tags" hint="Separated by commas" />
    </FormPanel>
  );
}
