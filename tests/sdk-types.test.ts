import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type CodexClient,
  type CodexError,
  type CustomerQuery,
  customerQuery,
  graphql,
  type ResultOf,
  type VariablesOf,
} from '../sdk/src/index.ts';

/**
 * Type tests: `npm run typecheck` (tsc over tests/) fails when a `@ts-expect-error` below stops
 * being an error, i.e. when the SDK starts accepting a selection or variables the schema refuses.
 * The calls are never run: they only have to fail to compile.
 */
const summary = graphql(`
  query TypeProbe($id: ID!) { customer(id: $id) { id email tags address leads { id title } } }
`);

declare const codex: CodexClient;
function callsThatMustNotCompile() {
  // @ts-expect-error `nickname` is not a field of Customer
  void codex.request(graphql(`query Wrong($id: ID!) { customer(id: $id) { id nickname } }`), { id: 'x' });
  // @ts-expect-error `invoices` is not a field of Lead, however deep the selection
  void codex.request(graphql(`query WrongDeep($id: ID!) { customer(id: $id) { leads { invoices { id } } } }`), {
    id: 'x',
  });
  // @ts-expect-error `customerz` is not a root field
  void codex.request(graphql('query WrongRoot { customerz { id } }'));
  // @ts-expect-error the id variable is an ID (string), not a number
  void codex.request(summary, { id: 42 });
  // @ts-expect-error the variables are required
  void codex.request(customerQuery);
  // @ts-expect-error `nickname` is not in the generated default selection
  void codex.crm.customers.get('id').then((customer) => customer?.nickname);
  // @ts-expect-error create takes the CreateCustomerInput, which has no `nickname`
  void codex.crm.customers.create({ email: 'a@b.c', firstName: 'A', lastName: 'B', nickname: 'x' });
}

describe('SDK types', () => {
  it('follow the selection: custom documents, generated documents and helpers', () => {
    expectTypeOf<ResultOf<typeof summary>>().toEqualTypeOf<{
      customer: {
        id: string;
        email: string;
        tags: string[];
        address: Record<string, unknown> | null;
        leads: { id: string; title: string }[];
      } | null;
    }>();
    expectTypeOf<VariablesOf<typeof summary>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<Awaited<ReturnType<CodexClient['request']>>>().toHaveProperty('requestId');
    expectTypeOf<Awaited<ReturnType<CodexClient['crm']['customers']['get']>>>().toMatchTypeOf<
      CustomerQuery['customer']
    >();
    expectTypeOf<CodexError['code']>().toMatchTypeOf<string>();
    expect(callsThatMustNotCompile).toBeTypeOf('function');
  });
});
