import { v7 as uuidv7 } from 'uuid';

/** Given names and surnames of the seeded leads (and of the conflict register, scenario 10). */
export const FIRST_NAMES = (
  'Ada Alan Grace Edsger Barbara Donald Frances Ken Margaret Dennis Radia Tim Sophie Linus ' +
  'Hedy John Katherine Niklaus Anita Guido'
).split(' ');
export const LAST_NAMES = (
  'Lovelace Turing Hopper Dijkstra Liskov Knuth Allen Thompson Hamilton Ritchie Perlman ' +
  'Berners Wilson Torvalds Lamarr Backus Johnson Wirth Borg Rossum Kay Lamport Hoare Milner ' +
  'Cerf Kahn Engelbart Sutherland Goldberg Stroustrup Gosling Matsumoto Wall Eich Lerdorf ' +
  'Hejlsberg Pike Kernighan Aho Ullman Tarjan Hellman Diffie Rivest Shamir Adleman Floyd Cook ' +
  'Karp Rabin'
).split(' ');

/** Search terms for scenario 3: surnames, each matching about 2 % of the seeded leads. */
export const SEARCH_TERMS = LAST_NAMES.map((n) => n.toLowerCase());

export interface SeedLead {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  resumeUrl: string;
  createdAt: Date;
}

/**
 * Deterministic leads, one second apart and ending an hour ago, with UUIDv7 ids made from their
 * own creation time (as the service makes them), so `(created_at, id)` order is the insert order.
 */
export class SeedLeads {
  readonly ids: string[] = [];
  private readonly startMs: number;

  constructor(readonly total: number) {
    this.startMs = Date.now() - 3_600_000 - total * 1000;
    for (let i = 0; i < total; i += 1) this.ids.push(uuidv7({ msecs: this.startMs + i * 1000 }));
  }

  lead(i: number): SeedLead {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
    const lastName = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length];
    return {
      id: this.ids[i],
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${i}@example.com`.toLowerCase(),
      resumeUrl: `https://files.example.com/cv/${i}.pdf`,
      createdAt: new Date(this.startMs + i * 1000),
    };
  }
}
