import { parseFrontMatter, type FrontMatterValue } from "./frontmatter.ts";

/** Time limit of a run unless the README sets `timeLimitSeconds`. */
export const DEFAULT_TIME_LIMIT_SECONDS = 20;
const MAX_TIME_LIMIT_SECONDS = 300;
/** `NN-slug`: two digits, then lower-case words joined by dashes. */
const FOLDER_PATTERN = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const REQUIRED_FILES = ["README.md", "starter.ts", "solution.ts", "check.ts"] as const;
const KNOWN_KEYS = new Set(["title", "minutes", "concepts", "timeLimitSeconds"]);

export type ExerciseFileName = (typeof REQUIRED_FILES)[number] | "hints.md";

/** One folder's files as text (check.ts may be present with empty text: only its existence matters here). */
export interface ExerciseFolder {
  folder: string;
  files: Partial<Record<ExerciseFileName, string>>;
}

export interface Exercise {
  /** The folder name, e.g. "01-hello-pubsub": also the id in URLs, progress and the runner. */
  slug: string;
  number: number;
  title: string;
  minutes: number;
  concepts: string[];
  timeLimitSeconds: number;
  /** README.md without its front matter and leading "# title" (Markdown). */
  instructions: string;
  starter: string;
  solution: string;
  /** Ordered hints (Markdown), revealed one at a time. */
  hints: string[];
  /** What the exercise's code names on the server (`ctx.stream("x")`, `ctx.kv("y")`): what "Reset my server state" deletes. */
  serverNames: ServerNames;
}

/** Names as the code passes them to ctx (before the namespace is added). */
export interface ServerNames {
  streams: string[];
  buckets: string[];
}

/** The stream and bucket names the starter and the solution pass to ctx.stream / ctx.kv / ctx.bucket. */
export function serverNamesIn(...sources: string[]): ServerNames {
  const found = (re: RegExp) => [...new Set(sources.flatMap((src) => [...src.matchAll(re)].map((m) => m[1] as string)))].sort();
  return {
    streams: found(/\bctx\.stream\(\s*["'`]([\w-]+)["'`]\s*\)/g),
    buckets: found(/\bctx\.(?:kv|bucket)\(\s*["'`]([\w-]+)["'`]/g),
  };
}

/** A malformed exercise: the message starts with the folder's name. */
export class ExerciseError extends Error {
  override readonly name = "ExerciseError";
  constructor(
    readonly folder: string,
    problem: string,
  ) {
    super(`exercises/${folder}: ${problem}`);
  }
}

/** hints.md: hints separated by lines holding only `---`. */
export function splitHints(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/^---\s*$/m)
    .map((h) => h.trim())
    .filter(Boolean);
}

function wholeNumber(value: FrontMatterValue | undefined, key: string, min: number, max: number): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new Error(`"${key}" must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  return n;
}

/** Parses and validates one folder. Throws an ExerciseError naming the folder. */
export function loadExercise({ folder, files }: ExerciseFolder): Exercise {
  try {
    const m = FOLDER_PATTERN.exec(folder);
    if (!m) throw new Error('the folder name must look like "NN-slug" (two digits, then lower-case words joined by dashes).');
    const missing = REQUIRED_FILES.filter((f) => files[f] === undefined);
    if (missing.length > 0) throw new Error(`missing ${missing.join(", ")}.`);
    const { data, body } = parseFrontMatter(files["README.md"] as string);
    const unknown = Object.keys(data).filter((k) => !KNOWN_KEYS.has(k));
    if (unknown.length > 0)
      throw new Error(`unknown front matter ${unknown.map((k) => `"${k}"`).join(", ")} (known: ${[...KNOWN_KEYS].join(", ")}).`);
    const title = data.title;
    if (typeof title !== "string" || !title.trim()) throw new Error('front matter needs a "title".');
    const concepts = data.concepts;
    if (!Array.isArray(concepts) || concepts.length === 0)
      throw new Error('front matter needs "concepts": a list such as [streams, acks].');
    for (const f of ["starter.ts", "solution.ts"] as const) {
      if (!/export\s+default\s+(async\s+)?function/.test(files[f] as string))
        throw new Error(`${f} must \`export default async function main(ctx)\`.`);
    }
    return {
      slug: folder,
      number: Number(m[1]),
      title: title.trim(),
      minutes: wholeNumber(data.minutes, "minutes", 1, 240),
      concepts,
      timeLimitSeconds:
        data.timeLimitSeconds === undefined
          ? DEFAULT_TIME_LIMIT_SECONDS
          : wholeNumber(data.timeLimitSeconds, "timeLimitSeconds", 1, MAX_TIME_LIMIT_SECONDS),
      // The view shows the title as its own heading: a leading "# …" in the README would repeat it.
      instructions: body.trim().replace(/^#\s[^\n]*\n*/, ""),
      starter: files["starter.ts"] as string,
      solution: files["solution.ts"] as string,
      hints: splitHints(files["hints.md"]),
      serverNames: serverNamesIn(files["starter.ts"] as string, files["solution.ts"] as string),
    };
  } catch (err) {
    if (err instanceof ExerciseError) throw err;
    throw new ExerciseError(folder, err instanceof Error ? err.message : String(err));
  }
}

/** Groups glob results (`…/exercises/<folder>/<file>` → text) by folder. */
export function groupByFolder(sources: Record<string, string>): ExerciseFolder[] {
  const folders = new Map<string, ExerciseFolder>();
  for (const [path, text] of Object.entries(sources)) {
    const m = /exercises\/([^/]+)\/([^/]+)$/.exec(path);
    if (!m) continue;
    const folder = m[1] as string;
    const entry = folders.get(folder) ?? { folder, files: {} };
    entry.files[m[2] as ExerciseFileName] = text;
    folders.set(folder, entry);
  }
  return [...folders.values()];
}

/** Every valid exercise in number order, and a sentence per malformed folder (shown, never thrown at the app). */
export function loadExercises(folders: ExerciseFolder[]): { exercises: Exercise[]; problems: string[] } {
  const exercises: Exercise[] = [];
  const problems: string[] = [];
  for (const f of folders) {
    try {
      exercises.push(loadExercise(f));
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  }
  exercises.sort((a, b) => a.number - b.number);
  for (let i = 1; i < exercises.length; i++) {
    const [prev, cur] = [exercises[i - 1] as Exercise, exercises[i] as Exercise];
    if (prev.number === cur.number)
      problems.push(new ExerciseError(cur.slug, `number ${cur.number} is also used by ${prev.slug}.`).message);
  }
  return { exercises, problems };
}
