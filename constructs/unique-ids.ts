// cdktf names each element of a stack after its path below the stack, with an MD5 of that path
// (makeUniqueId, in cdktf/lib/private/unique.js). Every stack of the app holds the same paths
// (trigger/function/function, dashboard/dashboard, ...), so the same names were hashed once a stack: a
// twentieth of the synth at 150 stacks. The name depends on the path alone; here each is made once a
// process. Installed by replacing the module's export, through which the stack calls it.
const unique = require("cdktf/lib/private/unique") as { makeUniqueId: (components: string[]) => string };

/** cdktf's own, kept for comparison in tests. */
export const cdktfMakeUniqueId = unique.makeUniqueId;
const ids = new Map<string, string>();

export function makeUniqueId(components: string[]): string {
  const key = JSON.stringify(components);
  let id = ids.get(key);
  if (id === undefined) {
    id = cdktfMakeUniqueId(components);
    ids.set(key, id);
  }
  return id;
}

/** Makes cdktf name elements with the function above. */
export function installUniqueIds(): void {
  unique.makeUniqueId = makeUniqueId;
}
