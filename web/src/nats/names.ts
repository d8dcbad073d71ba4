// Subject and name rules, checked before anything reaches the server so a learner gets a sentence
// instead of a protocol error. They follow nats-server: tokens separated by ".", no whitespace,
// "*" and ">" only as whole tokens (and never in a subject you publish to).

/** Why a subject cannot be used, or null. `publish` forbids wildcards (a message needs one address). */
export function subjectProblem(subject: string, opts: { publish: boolean }): string | null {
  if (subject.length === 0) return "The subject is empty: give it a name such as orders.created.";
  if (/\s/.test(subject)) return `"${subject}" contains a space or line break; subjects are dot-separated words without spaces.`;
  const tokens = subject.split(".");
  if (tokens.some((t) => t === "")) return `"${subject}" has an empty part (a leading, trailing or double dot).`;
  const wild = tokens.some((t) => t === "*" || t === ">");
  if (opts.publish && wild)
    return `"${subject}" contains a wildcard (* or >): you can subscribe with wildcards, but publish only to a full subject.`;
  if (tokens.some((t) => t.length > 1 && /[*>]/.test(t)))
    return `"${subject}" uses * or > inside a word; wildcards must stand alone between dots.`;
  const gt = tokens.indexOf(">");
  if (gt !== -1 && gt !== tokens.length - 1) return `"${subject}": > matches the rest of a subject, so it can only be the last part.`;
  return null;
}

/** Why a stream, consumer or durable name cannot be used, or null. */
export function nameProblem(name: string, what = "stream name"): string | null {
  if (name.length === 0) return `The ${what} is empty.`;
  if (/\s/.test(name)) return `The ${what} "${name}" contains a space; use letters, digits, - and _.`;
  if (/[.*>]/.test(name)) return `The ${what} "${name}" contains ".", "*" or ">", which names cannot hold; use letters, digits, - and _.`;
  if (/[/\\]/.test(name)) return `The ${what} "${name}" contains a slash; use letters, digits, - and _.`;
  if (name.length > 255) return `The ${what} is ${name.length} characters long; keep it under 256.`;
  return null;
}
