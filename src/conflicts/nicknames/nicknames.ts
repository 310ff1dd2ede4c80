import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Nickname groups from the vendored carltonnorthern/nicknames dataset (see NOTICE.md): each line
 * is a given name and its nicknames, and a line is a group. Two given names are nicknames of
 * each other when they share a group ("bill" and "william" share both the `bill` and the
 * `william` line). Loaded once, on first use.
 */
let groupsByName: Map<string, string[]> | undefined;

export function nicknameGroups(token: string): readonly string[] {
  groupsByName ??= load();
  return groupsByName.get(token) ?? [];
}

function load(): Map<string, string[]> {
  const csv = readFileSync(join(__dirname, 'names.csv'), 'utf8');
  const groups = new Map<string, Set<string>>();
  for (const line of csv.split(/\r?\n/)) {
    const names = line
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => /^[a-z]+$/.test(name));
    const head = names[0];
    if (!head || names.length < 2) continue;
    for (const name of names) {
      const set = groups.get(name) ?? new Set<string>();
      set.add(head);
      groups.set(name, set);
    }
  }
  return new Map([...groups].map(([name, set]) => [name, [...set].sort()]));
}
