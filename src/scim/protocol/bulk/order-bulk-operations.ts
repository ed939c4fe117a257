/**
 * Orders bulk operations so that each runs after the POSTs whose `bulkId` it references (in its
 * data or its path), moving as little as possible: operations keep request order except that a
 * referenced POST is pulled forward to just before its first user. RFC 7644 §3.7 allows this —
 * "A SCIM service provider MAY elect to optimize the sequence of operations received ... the
 * service provider MUST ensure that the client's intent is preserved and the same stateful result
 * is achieved as for non-optimized processing. For example, before a "User" can be added to a
 * "Group", they must first be created."
 *
 * Circular references (§3.7.1): "The service provider MUST try to resolve circular
 * cross-references between resources in a single bulk job but MAY stop after a failed attempt
 * and instead return HTTP status code 409 (Conflict)." The operations of a cycle (a strongly
 * connected group of POSTs, or a POST referencing its own bulkId) cannot be ordered, so their
 * steps carry that 409 instead of running. Operations that depend on a cycle are ordered after
 * it and fail with 409 themselves when `resolveBulkIds` finds no id for the reference.
 *
 * The dependency graph is walked with Tarjan's strongly-connected-components algorithm (iterative,
 * so a long chain of references cannot exhaust the stack); it emits every component after the
 * components it depends on.
 */
import type { ScimError } from '../scim-error';
import { plainError } from '../scim-error';
import type { BulkOperation } from './bulk-operation';
import { bulkIdReference } from './bulk-operation';
import { matchBulkPath } from './parse-bulk-path';
import { bulkIdReferences } from './resolve-bulk-ids';

export interface BulkStep {
  /** The operation's position in the request, to report results against. */
  readonly index: number;
  readonly operation: BulkOperation;
  /** Set when the operation must not run: `409` for a member of a circular reference. */
  readonly error?: ScimError;
}

export function orderBulkOperations(operations: readonly BulkOperation[]): BulkStep[] {
  const dependencies = dependencyGraph(operations);
  return stronglyConnectedComponents(dependencies).flatMap((component) => {
    const members = [...component].sort((a, b) => a - b);
    const [first] = members;
    const circular =
      members.length > 1 || (first !== undefined && dependencies[first]?.includes(first) === true);
    return members.map((index) => step(operations, index, circular ? members : undefined));
  });
}

function step(
  operations: readonly BulkOperation[],
  index: number,
  cycle: readonly number[] | undefined,
): BulkStep {
  const operation = operations[index] as BulkOperation;
  if (cycle === undefined) return { index, operation };
  const others = cycle.filter((member) => member !== index).map((member) => `Operations[${member}]`);
  const detail =
    others.length === 0
      ? `Operations[${index}] references its own bulkId "${operation.bulkId ?? ''}"`
      : `Operations[${index}] is part of a circular bulkId reference with ${others.join(', ')}`;
  return { index, operation, error: plainError(409, detail) };
}

/** For each operation, the indexes of the POSTs it references, in order of first reference. */
function dependencyGraph(operations: readonly BulkOperation[]): number[][] {
  const declaredBy = new Map<string, number>();
  operations.forEach((operation, index) => {
    if (operation.method === 'POST' && operation.bulkId !== undefined && !declaredBy.has(operation.bulkId)) {
      declaredBy.set(operation.bulkId, index);
    }
  });
  return operations.map((operation) => {
    const pathId = matchBulkPath(operation.path)?.id;
    const pathReference = pathId === undefined ? undefined : bulkIdReference(pathId);
    const references = [
      ...(pathReference === undefined ? [] : [pathReference]),
      ...bulkIdReferences(operation.data),
    ];
    const targets = references
      .map((bulkId) => declaredBy.get(bulkId))
      .filter((target) => target !== undefined);
    return [...new Set(targets)];
  });
}

interface Frame {
  readonly node: number;
  next: number;
}

/** Tarjan's algorithm without recursion; components come out dependencies-first. */
function stronglyConnectedComponents(edges: readonly number[][]): number[][] {
  const order = new Array<number>(edges.length).fill(-1);
  const low = new Array<number>(edges.length).fill(0);
  const onStack = new Array<boolean>(edges.length).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const enter = (node: number, frames: Frame[]): void => {
    order[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = true;
    frames.push({ node, next: 0 });
  };
  for (let root = 0; root < edges.length; root++) {
    if (order[root] !== -1) continue;
    const frames: Frame[] = [];
    enter(root, frames);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as Frame;
      const targets = edges[frame.node] as number[];
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as number;
        if (order[target] === -1) enter(target, frames);
        else if (onStack[target])
          low[frame.node] = Math.min(low[frame.node] as number, order[target] as number);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node] as number, low[frame.node] as number);
      if (low[frame.node] === order[frame.node]) components.push(popComponent(stack, onStack, frame.node));
    }
  }
  return components;
}

function popComponent(stack: number[], onStack: boolean[], root: number): number[] {
  const component: number[] = [];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    onStack[node] = false;
    component.push(node);
    if (node === root) break;
  }
  return component;
}
