// Share by link: an exercise's code, or a lab scenario, compressed into the URL fragment
// (#/exercises/<slug>?code=… and #/lab?scenario=…). Nothing leaves the browser: the fragment is never
// sent to a server. What a link carries is untrusted: everything is checked before anyone is asked.
// The default import: lz-string is CommonJS, whose named exports Node (tsx, scripts) cannot see.
import LZString from "lz-string";
import { MAX_CODE_CHARS } from "../exercises/progress.ts";
import { checkSharedLabConfig, type SharedLabConfig } from "./scenario.ts";
import { PRESETS } from "../../lab/contract/presets.ts";
import type { LabConfig } from "../lab/slice.ts";

export const SHARE_VERSION = 1;
/** Longer fragments are refused: some chat tools and browsers cut long links, and a link is no file transfer. */
export const MAX_FRAGMENT_CHARS = 32 * 1024;

const SLUG = /^\d{2}-[a-z0-9-]+$/;

export interface CodeShare {
  v: 1;
  kind: "code";
  slug: string;
  code: string;
}

export interface ScenarioShare {
  v: 1;
  kind: "scenario";
  preset?: string;
  config: SharedLabConfig;
}

export type Share = CodeShare | ScenarioShare;
export type ShareKind = Share["kind"];

/** The query parameter of each kind, in the fragment. */
const PARAM: Record<ShareKind, string> = { code: "code", scenario: "scenario" };

/** Sizes as the Share button says them: "1.2 KB". */
export const linkSize = (chars: number): string => `${(chars / 1024).toFixed(1)} KB`;

export type Made = { ok: true; fragment: string } | { ok: false; message: string };

const pack = (share: Share) => LZString.compressToEncodedURIComponent(JSON.stringify(share));

/** The fragment for an exercise's code, or why there is none (too long for a link). */
export function codeFragment(slug: string, code: string): Made {
  if (!SLUG.test(slug)) return { ok: false, message: `“${slug}” is not an exercise.` };
  const fragment = `#/exercises/${slug}?${PARAM.code}=${pack({ v: SHARE_VERSION, kind: "code", slug, code })}`;
  if (code.length > MAX_CODE_CHARS || fragment.length > MAX_FRAGMENT_CHARS)
    return {
      ok: false,
      message:
        `This code is too long to share by link (the link would be ${linkSize(fragment.length)}; a link carries at most ${linkSize(MAX_FRAGMENT_CHARS)}). ` +
        "Use “Download as a Node script”, or “Export progress” on the Exercises page, and send the file instead.",
    };
  return { ok: true, fragment };
}

/** The fragment for the lab's settings (and its preset, when one is chosen), or why there is none. */
export function scenarioFragment(lab: LabConfig): Made {
  const checked = checkSharedLabConfig({ producer: lab.producer, enabled: lab.enabled, settings: lab.settings });
  if (!checked.ok) return { ok: false, message: `These settings cannot be shared: ${checked.problems.join(" ")}` };
  const share: ScenarioShare = { v: SHARE_VERSION, kind: "scenario", config: checked.config };
  if (lab.presetId) share.preset = lab.presetId;
  const fragment = `#/lab?${PARAM.scenario}=${pack(share)}`;
  if (fragment.length > MAX_FRAGMENT_CHARS)
    return { ok: false, message: `These settings are too long to share by link (${linkSize(fragment.length)}).` };
  return { ok: true, fragment };
}

/** The whole link: this page (without its ?server=: whoever opens it keeps their own server) and the fragment. */
export const shareUrl = (page: { origin: string; pathname: string }, fragment: string): string =>
  `${page.origin}${page.pathname}${fragment}`;

/** A link's payload, read and checked; `rest` is the address fragment without it (what to leave in the address bar). */
export type Opened =
  | { ok: true; share: CodeShare; rest: string }
  | { ok: true; share: ScenarioShare; rest: string }
  | { ok: false; kind: ShareKind; message: string; rest: string };

export interface ReadOptions {
  /** Whether this playground has the exercise (defaults to: any well-formed name). */
  isExercise?: (slug: string) => boolean;
}

const decodeSegment = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Splits "#/lab?scenario=x&y=1" into the page ("#/lab"), the payload ("x") and the other parameters. */
function splitFragment(hash: string): { page: string; kind: ShareKind; payload: string; rest: string } | null {
  const q = hash.indexOf("?");
  if (q < 0) return null;
  const page = hash.slice(0, q);
  const kind: ShareKind | null = /^#\/?exercises\/[^/?#]+$/.test(page) ? "code" : /^#\/?lab$/.test(page) ? "scenario" : null;
  if (!kind) return null;
  const params = hash.slice(q + 1).split("&");
  const at = params.findIndex((p) => p.startsWith(`${PARAM[kind]}=`));
  if (at < 0) return null;
  const payload = (params[at] as string).slice(PARAM[kind].length + 1);
  const others = params.filter((_, i) => i !== at && params[i] !== "");
  return { page, kind, payload, rest: others.length > 0 ? `${page}?${others.join("&")}` : page };
}

/** What an address fragment carries: null when it is no share link; otherwise the checked payload, or why it was refused. */
export function readShareFragment(hash: string, options: ReadOptions = {}): Opened | null {
  const parts = splitFragment(hash);
  if (!parts) return null;
  const { page, kind, rest } = parts;
  const refuse = (message: string): Opened => ({ ok: false, kind, message, rest });
  const what = kind === "code" ? "code" : "lab scenario";
  const damaged = refuse(
    `This link's ${what} could not be read: the link is damaged or incomplete (it may have been cut off when it was copied). Nothing was changed.`,
  );
  if (hash.length > MAX_FRAGMENT_CHARS)
    return refuse(
      `This link is too long (${linkSize(hash.length)}; a link carries at most ${linkSize(MAX_FRAGMENT_CHARS)}). Nothing was changed.`,
    );
  // lz-string's alphabet has no "%": a link that went through an encoder comes back to it here. A "+"
  // read as a space comes back in lz-string itself.
  const payload = parts.payload.includes("%") ? decodeSegment(parts.payload) : parts.payload;
  if (!/^[A-Za-z0-9+\-$ ]+$/.test(payload)) return damaged;
  let data: unknown;
  try {
    const text = LZString.decompressFromEncodedURIComponent(payload);
    if (!text) return damaged;
    data = JSON.parse(text);
  } catch {
    return damaged;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return damaged;
  const d = data as Record<string, unknown>;
  if (typeof d.v === "number" && d.v > SHARE_VERSION)
    return refuse(
      `This link was made by a newer version of the playground (link format ${d.v}); this one reads format ${SHARE_VERSION}. Nothing was changed.`,
    );
  if (d.v !== SHARE_VERSION) return damaged;
  if (d.kind !== kind) return refuse(`This link's address says it carries ${what}, but it carries something else. Nothing was changed.`);

  if (kind === "code") {
    const pageSlug = decodeSegment(page.replace(/^#\/?exercises\//, ""));
    const slug = d.slug;
    if (typeof slug !== "string" || !SLUG.test(slug) || typeof d.code !== "string") return damaged;
    if (slug !== pageSlug)
      return refuse(
        `This link's code is for exercise ${slug.slice(0, 60)}, not for the exercise it opens (${pageSlug.slice(0, 60)}). Nothing was changed.`,
      );
    if (options.isExercise && !options.isExercise(slug))
      return refuse(`This link carries code for exercise ${slug}, which this playground does not have. Nothing was changed.`);
    if (d.code.length > MAX_CODE_CHARS)
      return refuse(
        `This link's code is longer than the ${MAX_CODE_CHARS.toLocaleString("en-US")} characters an exercise keeps. Nothing was changed.`,
      );
    return { ok: true, share: { v: SHARE_VERSION, kind: "code", slug, code: d.code }, rest };
  }

  let preset: string | undefined;
  if (d.preset !== undefined && d.preset !== null) {
    const known = PRESETS.find((p) => p.id === d.preset);
    if (!known)
      return refuse(
        `This link's lab scenario names a preset this playground does not have (“${String(d.preset).slice(0, 60)}”). Nothing was changed.`,
      );
    preset = known.id;
  }
  const checked = checkSharedLabConfig(d.config);
  if (!checked.ok)
    return refuse(
      `This link's lab scenario has settings the lab cannot use: ${checked.problems.slice(0, 5).join(" ")} Nothing was changed.`,
    );
  const share: ScenarioShare = { v: SHARE_VERSION, kind: "scenario", config: checked.config };
  if (preset) share.preset = preset;
  return { ok: true, share, rest };
}

/** "42 lines" (a last line break starts no line). */
export function lineCount(code: string): number {
  if (code === "") return 0;
  return code.replace(/\r?\n$/, "").split("\n").length;
}
