import { nameProblem } from "./names.ts";

/**
 * A participant's own corner of a shared server. Thirty browsers share one nats-server in a workshop:
 * every subject, stream and consumer name they create carries the participant id, so nobody sees or
 * deletes anyone else's resources. Subjects: `<area>.<pid>.…`; streams/consumers: `<AREA>_<PID>_…`.
 */
export interface Namespace {
  readonly pid: string;
  readonly area: string;
  /** `area.pid.part1.part2` */
  subject(...parts: string[]): string;
  /** Wildcard covering every subject of this namespace. */
  readonly allSubjects: string;
  /** `AREA_PID_NAME` for streams. */
  stream(name: string): string;
  /** `area_pid_name` for consumers and durables. */
  consumer(name: string): string;
  /** Prefix every stream name of this namespace starts with (for listing and reset). */
  readonly streamPrefix: string;
}

const PID_PATTERN = /^[a-z0-9][a-z0-9-]{1,30}$/;
const PID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Why a participant id is unusable, or null. Ids are lower-case letters, digits and dashes. */
export function participantIdProblem(pid: string): string | null {
  return PID_PATTERN.test(pid) ? null : `"${pid}" is not a usable participant id: 2–31 lower-case letters, digits or dashes.`;
}

/** A short random id, readable aloud in a workshop ("k7m2qx"). `random` is passed in for tests. */
export function newParticipantId(random: () => number = Math.random, length = 6): string {
  let id = "";
  for (let i = 0; i < length; i++) id += PID_ALPHABET[Math.floor(random() * PID_ALPHABET.length)];
  return id;
}

export function createNamespace(pid: string, area = "lab"): Namespace {
  const problem = participantIdProblem(pid) ?? nameProblem(area, "area");
  if (problem) throw new Error(problem);
  // Dashes stay (names allow them): as "_" the id "ab-cd" would fall under "ab"'s prefix LAB_AB_ and be reset with it.
  const upper = `${area}_${pid}`.toUpperCase();
  const lower = `${area}_${pid}`;
  const part = (p: string) => {
    const problem = nameProblem(p, "name");
    if (problem) throw new Error(problem);
    return p;
  };
  return {
    pid,
    area,
    subject: (...parts) => [area, pid, ...parts].join("."),
    allSubjects: `${area}.${pid}.>`,
    stream: (name) => `${upper}_${part(name).toUpperCase()}`,
    consumer: (name) => `${lower}_${part(name)}`,
    streamPrefix: `${upper}_`,
  };
}
