import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { type EditFormProps, useEditForm } from '../ui/use-api-form.ts';
import { type DashboardDetailsValues, dashboardDetailsSchema } from './dashboard-form.ts';
import { widgetTypes } from './series-window.ts';
import {
  breakdownChoices,
  trendIntervals,
  type WidgetFormValues,
  type WidgetValues,
  widgetFormSchema,
} from './widget-form.ts';

const option = (value: string, label = value) => ({ value, label });

export function DashboardDetailsForm(props: EditFormProps<DashboardDetailsValues>) {
  const { form, panel } = useEditForm(props, {
    schema: dashboardDetailsSchema,
    fields: ['name', 'description', 'isPublic'],
    toSaved: (values) => values,
  });
  return (
    <FormPanel {...panel}>
      <TextField form={form} name="name" label="Name" />
      <TextField form={form} name="description" label="Description" />
      <label className="mb-4 flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" {...form.register('isPublic')} /> Public: every member of the tenant may see it
      </label>
    </FormPanel>
  );
}

/** A widget's title and type; a trend widget takes the `trends` input, the others an event series. */
export function WidgetForm(props: EditFormProps<WidgetFormValues, WidgetValues>) {
  const { form, panel } = useEditForm(props, {
    schema: widgetFormSchema,
    fields: ['title', 'type', 'granularity', 'eventName', 'interval', 'breakdown', 'lastDays'],
    toSaved: (values) => values,
  });
  const trend = form.watch('type') === 'trend';
  return (
    <FormPanel {...panel}>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField form={form} name="title" label="Widget title" />
        <SelectField form={form} name="type" label="Widget type" options={widgetTypes.map((type) => option(type))} />
        <TextField form={form} name="eventName" label="Event name" hint="Empty: every event" />
        {trend ? (
          <>
            <SelectField
              form={form}
              name="interval"
              label="Per"
              options={trendIntervals.map((each) => option(each, each.toLowerCase()))}
            />
            <SelectField
              form={form}
              name="breakdown"
              label="Breakdown"
              options={[option('', 'None'), ...breakdownChoices]}
            />
            <TextField form={form} name="lastDays" label="Last days" inputMode="numeric" hint="1 to 366, ending now" />
          </>
        ) : (
          <SelectField
            form={form}
            name="granularity"
            label="Per"
            options={[option('DAY', 'Day'), option('HOUR', 'Hour')]}
          />
        )}
      </div>
    </FormPanel>
  );
}
