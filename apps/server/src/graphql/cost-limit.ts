// The estimated size of an operation's answer, refused past a limit before it
// runs. A unit is roughly 100 bytes of response: 1 per scalar, 2 per object,
// a declared weight for large values (a message body is up to 10,000
// characters), and every list multiplies its items' cost by its real size: its
// `first`/`last` argument (a variable counts at the maximum the server
// accepts, since any value up to it may be sent), or the declared size of a
// list without one. So aliases × lists × bodies are counted as the response
// they would produce.
//
// Not graphql-query-complexity: it costs variables by their values, so it can
// only run per request (a required variable missing at validation is an
// error), while this rule runs once per distinct document in Apollo's and the
// socket's validation caches, and costs any variables the request may carry.
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type FieldNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface CostModel {
  /** Largest accepted cost. */
  maxCost: number;
  /**
   * `Type.field` → the most items it can return: for a field with a `first`
   * or `last` argument, the largest value the server accepts (core refuses
   * more); for a list without one, the most it holds.
   */
  listSizes: Readonly<Record<string, number>>;
  /** Items assumed for a list not in `listSizes`. */
  defaultListSize: number;
  /** `Type.field` → cost of one value, for large scalars. */
  weights: Readonly<Record<string, number>>;
}

const SIZE_ARGUMENTS = new Set(['first', 'last']);

/** How many items a field returns (1 for a single value). */
function multiplier(
  model: CostModel,
  key: string,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number {
  const sizeArgument = field.args.find((arg) => SIZE_ARGUMENTS.has(arg.name));
  const declared = model.listSizes[key];
  if (sizeArgument) {
    const max = declared ?? model.defaultListSize;
    const given = node.arguments?.find((arg) => arg.name.value === sizeArgument.name)?.value;
    if (!given) {
      const byDefault = sizeArgument.defaultValue;
      return typeof byDefault === 'number' ? Math.min(byDefault, max) : max;
    }
    // A literal counts as sent (core refuses one above the maximum); a
    // variable may carry anything up to the maximum.
    return given.kind === Kind.INT ? Math.min(Math.max(Number(given.value), 0), max) : max;
  }
  if (isListType(getNullableType(field.type))) return declared ?? model.defaultListSize;
  return 1;
}

interface Walk {
  model: CostModel;
  context: ValidationContext;
  /** Fragments being costed on the current path (cycles are another rule's error). */
  active: Set<string>;
  /** A fragment's cost does not depend on where it is spread: count it once. */
  costs: Map<string, number>;
}

function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
): number {
  const { model, context } = walk;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name === '__typename') {
        total += 1;
        continue;
      }
      // Introspection (__schema, __type) is not costed: it is off in
      // production and its size is fixed by the schema.
      if (name.startsWith('__')) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[name];
      if (!field) continue; // reported by the specified rules
      const key = `${parent.name}.${name}`;
      const type: GraphQLNamedType = getNamedType(field.type);
      const own = model.weights[key] ?? (isCompositeType(type) ? 2 : 1);
      const children =
        isCompositeType(type) && selection.selectionSet
          ? selectionCost(walk, selection.selectionSet, type)
          : 0;
      total += multiplier(model, key, field, selection) * (own + children);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? context.getSchema().getType(selection.typeCondition.name.value)
        : parent;
      if (condition && isCompositeType(condition)) {
        total += selectionCost(walk, selection.selectionSet, condition);
      }
    } else {
      const name = selection.name.value;
      const known = walk.costs.get(name);
      if (known !== undefined) {
        total += known;
        continue;
      }
      const fragment = context.getFragment(name);
      if (!fragment || walk.active.has(name)) continue;
      const condition = context.getSchema().getType(fragment.typeCondition.name.value);
      if (!condition || !isCompositeType(condition)) continue;
      walk.active.add(name);
      const cost = selectionCost(walk, fragment.selectionSet, condition);
      walk.active.delete(name);
      walk.costs.set(name, cost);
      total += cost;
    }
  }
  return total;
}

/** Refuses an operation whose estimated cost is above `model.maxCost`. */
export function costLimitRule(model: CostModel): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const root =
        operation.operation === 'query'
          ? schema.getQueryType()
          : operation.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) return false;
      const walk: Walk = { model, context, active: new Set(), costs: new Map() };
      const cost = selectionCost(walk, operation.selectionSet, root);
      if (cost > model.maxCost) {
        context.reportError(
          new GraphQLError(
            `Query cost ${cost} is over the cost limit of ${model.maxCost}: ask for fewer items (first/last), fewer aliases or fewer fields.`,
            { nodes: [operation], extensions: { cost, maxCost: model.maxCost } },
          ),
        );
      }
      return false;
    },
  });
}
