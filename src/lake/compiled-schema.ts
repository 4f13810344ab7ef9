import type { LakeColumnType, LakeGroup, LakeScalarType } from "./column-types.js";

interface NodeBase {
  /** Attribute name within its group. */
  readonly name: string;
  /** Dotted path from the event's top level (`"device.os.name"`). */
  readonly path: string;
  /** Index of the node's value in a shredded row (and of its column in a file buffer). */
  readonly slot: number;
}

/** A scalar column. */
export interface ScalarNode extends NodeBase {
  readonly kind: "scalar";
  readonly type: LakeScalarType;
}

/** A list column: the row holds a copied array of scalars. */
export interface ListNode extends NodeBase {
  readonly kind: "list";
  readonly element: LakeScalarType;
}

/** A map<string, string> column: the row holds `[key, value, key, value, …]`. */
export interface MapNode extends NodeBase {
  readonly kind: "map";
}

/** A nested group: the row holds whether it is present. */
export interface GroupNode extends NodeBase {
  readonly kind: "group";
  readonly children: readonly LakeNode[];
  readonly byName: ReadonlyMap<string, LakeNode>;
}

/** One node of a compiled lake schema. */
export type LakeNode = ScalarNode | ListNode | MapNode | GroupNode;

/** A lake schema laid out for shredding: every node has a slot in a flat row. */
export interface CompiledSchema {
  readonly root: GroupNode;
  /** Every node, by slot. */
  readonly nodes: readonly LakeNode[];
  readonly slotCount: number;
  /** Slot of the top-level `time` (every lake class has one: it picks the partition and the order). */
  readonly timeSlot: number;
}

function compileGroup(
  name: string,
  path: string,
  group: LakeGroup,
  next: { slot: number },
): GroupNode {
  const slot = next.slot++;
  const children: LakeNode[] = [];
  for (const [child, type] of Object.entries(group)) {
    children.push(compileNode(child, path === "" ? child : `${path}.${child}`, type, next));
  }
  return {
    kind: "group",
    name,
    path,
    slot,
    children,
    byName: new Map(children.map((c) => [c.name, c])),
  };
}

function compileNode(
  name: string,
  path: string,
  type: LakeColumnType,
  next: { slot: number },
): LakeNode {
  if (typeof type === "string") {
    if (type === "json_map") return { kind: "map", name, path, slot: next.slot++ };
    return { kind: "scalar", name, path, slot: next.slot++, type };
  }
  if (Array.isArray(type)) {
    return { kind: "list", name, path, slot: next.slot++, element: type[0] as LakeScalarType };
  }
  return compileGroup(name, path, type as LakeGroup, next);
}

/** Lays a lake schema out in slots. Throws when it has no top-level `time` timestamp. */
export function compileSchema(group: LakeGroup): CompiledSchema {
  const next = { slot: 0 };
  const root = compileGroup("", "", group, next);
  const time = root.byName.get("time");
  if (time?.kind !== "scalar" || time.type !== "timestamp") {
    throw new TypeError("a lake schema needs a top-level `time` of type timestamp");
  }
  const nodes: LakeNode[] = [];
  const add = (node: LakeNode): void => {
    nodes[node.slot] = node;
    if (node.kind === "group") for (const child of node.children) add(child);
  };
  add(root);
  return { root, nodes, slotCount: next.slot, timeSlot: time.slot };
}
