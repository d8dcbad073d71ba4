import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { freePort } from "../../../scripts/lib/ports.ts";
import { batchSent, button, env, expectConnected, openApp, savedCode, setProducer, shown, state, whenConnected } from "./app.ts";

// Accessibility: axe-core (WCAG 2.1 A and AA) on every page and the states that change what is
// drawn (a running lab, Monaco's editor and diff, check results), in the light and the dark theme;
// the focus ring; and the main paths done with the keyboard alone.

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const THEMES = ["light", "dark"] as const;
type Theme = (typeof THEMES)[number];
const THEME_KEY = "nats-playground:theme";
/** The first exercise: short, and it runs against the shared server. */
const EXERCISE = "01-hello-pubsub";
const SLOW = { timeout: 30_000 };
const EDITOR = '[data-testid="code-editor"]';

/** Switches the theme with the header's toggle, as a participant would. */
async function setTheme(page: Page, theme: Theme): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
    await page.getByRole("button", { name: `Switch to ${theme} theme` }).click();
  }
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
  // Monaco repaints its theme on the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The rules whose outcome depends on colours, the one thing the theme changes. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * The serious and critical WCAG violations on the page as it is now (but in `exclude`, scanned in an
 * earlier state), one line per element; and regions sharing a name (a best practice, moderate), as
 * the three lanes' inspectors once did. `colours`: only the rules that depend on colours.
 */
async function violations(
  page: Page,
  where: string,
  { exclude, colours = false }: { exclude?: string; colours?: boolean },
): Promise<string[]> {
  // The rules option runs landmark-unique besides the tags' rules (axe: an enabled rule always runs).
  const axe = colours
    ? new AxeBuilder({ page }).withRules(COLOUR_RULES)
    : new AxeBuilder({ page }).options({ rules: { "landmark-unique": { enabled: true } } }).withTags(TAGS);
  if (exclude) axe.exclude(exclude);
  const t0 = Date.now();
  const { violations } = await axe.analyze();
  if (process.env.A11Y_VERBOSE) {
    console.log(`${where}: axe took ${Date.now() - t0} ms`);
    for (const v of violations)
      console.log(`  ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  }
  return violations
    .filter(
      (v) => ((v.impact === "serious" || v.impact === "critical") && v.tags.some((t) => TAGS.includes(t))) || v.id === "landmark-unique",
    )
    .flatMap((v) =>
      v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ") ?? v.help}`),
    );
}

let lastScan = Date.now();
/**
 * Scans the page (but `exclude`) in both themes: every rule in the theme it is in, then the colour
 * rules in the other (the theme changes colours only: the same markup, the same names).
 */
async function scan(page: Page, where: string, found: string[], exclude?: string): Promise<void> {
  if (process.env.A11Y_VERBOSE) console.log(`${where}: reached in ${Date.now() - lastScan} ms`);
  const now = (await page.evaluate(() => document.documentElement.dataset.theme)) === "dark" ? "dark" : "light";
  found.push(...(await violations(page, `${where} [${now}]`, { exclude })));
  const other = now === "dark" ? "light" : "dark";
  await setTheme(page, other);
  found.push(...(await violations(page, `${where} [${other}]`, { exclude, colours: true })));
  lastScan = Date.now();
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}

test("axe finds no serious or critical violations on any page, light or dark", async ({ page }) => {
  test.setTimeout(150_000);
  await page.addInitScript((key) => localStorage.setItem(key, localStorage.getItem(key) ?? "light"), THEME_KEY);
  const found: string[] = [];

  await openApp(page, env("E2E_NATS_WS"), "#/");
  await whenConnected(page);
  await scan(page, "#/", found);

  await go(page, "#/connection");
  await expectConnected(page);
  await scan(page, "connection", found);

  await go(page, "#/lab");
  await expect(page.getByRole("heading", { level: 1, name: "Lab" })).toBeVisible();
  await page.locator(".lab-log summary").click();
  await scan(page, "lab idle", found);
  // Running, with acks paused on one lane so the log shows "skipped" rows too; a small batch, slowly,
  // so the page is quiet while axe reads it (a busy one takes axe many times as long).
  await setProducer(page, { rate: 3, retries: 0, events: 12 });
  await button(page, "Start").click();
  await expect(button(page, "Stop")).toBeEnabled(SLOW);
  await page.getByTestId("lane-jetstream").getByRole("button", { name: "Pause acks" }).click();
  await expect.poll(() => shown(page, "lane-core-delivered"), SLOW).toBeGreaterThan(0);
  await expect(page.locator(".lab-log tr.outcome-skipped").first()).toBeVisible(SLOW);
  await batchSent(page, 12);
  await scan(page, "lab running", found);
  await button(page, "Stop").click();
  await expect(button(page, "Start")).toBeEnabled(SLOW);

  await go(page, "#/exercises");
  await expect(page.getByRole("heading", { level: 1, name: "Exercises" })).toBeVisible();
  await scan(page, "exercise list", found);

  await go(page, `#/exercises/${EXERCISE}`);
  await expect(page.getByTestId("code-editor").locator(".monaco-editor .view-lines")).toBeVisible(SLOW);
  await expect(button(page, "Run")).toBeEnabled();
  await scan(page, "exercise", found);

  await button(page, "Run").click();
  await expect(page.getByTestId("console")).toContainText("received:", { timeout: 40_000 });
  await expect(button(page, "Stop")).toBeDisabled();
  // The editor is as scanned above.
  await scan(page, "exercise after Run", found, EDITOR);

  await button(page, "Check").click();
  await expect(page.getByTestId("console")).toContainText(/\d+ of \d+ checks passed/, { timeout: 40_000 });
  await scan(page, "exercise after Check", found, EDITOR);

  await button(page, "Show solution").click();
  await expect(page.getByTestId("solution-diff").locator(".monaco-diff-editor .view-lines").first()).toBeVisible(SLOW);
  await scan(page, "solution", found, EDITOR);

  await go(page, "#/instructor");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await scan(page, "instructor", found);

  expect(found, `serious or critical axe violations:\n${found.join("\n")}`).toEqual([]);
});

/** WCAG contrast ratio of two CSS colours (rgb()/rgba() as getComputedStyle gives them). */
function contrastScript() {
  return () => {
    const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    /** The colour behind an element: the first opaque background up its ancestors. */
    const behind = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        const [, , , a = 1] = parse(bg);
        if (a > 0 && bg !== "transparent") return bg;
      }
      return "rgb(255, 255, 255)";
    };
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    // The ring sits outside the element (outline-offset), on what is behind it.
    const bg = behind(el.parentElement);
    const [l1, l2] = [lum(parse(style.outlineColor)), lum(parse(bg))].sort((a, b) => b - a) as [number, number];
    return {
      tag: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}"`,
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      color: style.outlineColor,
      bg,
      ratio: (l1 + 0.05) / (l2 + 0.05),
    };
  };
}

test("the focus ring is at least 2px and 3:1 against the background, light and dark", async ({ page }) => {
  await openApp(page, env("E2E_NATS_WS"), "#/connection");
  for (const theme of THEMES) {
    // The page loaded again in that theme, so Tab starts at the top.
    await page.evaluate(([key, t]) => localStorage.setItem(key as string, t as string), [THEME_KEY, theme]);
    await page.reload();
    await whenConnected(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const seen = new Set<string>();
    // The skip link, the menu, the header's buttons, the form's fields and buttons.
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press("Tab");
      const ring = await page.evaluate(contrastScript());
      if (ring.tag.startsWith("body")) continue;
      seen.add(ring.tag.split(" ")[0] ?? "");
      expect(ring.style, `${theme}: outline style of ${ring.tag}`).not.toBe("none");
      expect(ring.width, `${theme}: outline width of ${ring.tag}`).toBeGreaterThanOrEqual(2);
      expect(ring.ratio, `${theme}: ${ring.color} on ${ring.bg} for ${ring.tag}`).toBeGreaterThanOrEqual(3);
    }
    expect([...seen]).toEqual(expect.arrayContaining(["a", "button", "input"]));
  }
});

/** Presses Tab (or Shift+Tab) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, { back = false, max = 40 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

test("keyboard only: connect", async ({ page }) => {
  await openApp(page, `ws://127.0.0.1:${await freePort()}`, "#/connection");
  await expect(state(page)).toHaveText("Connection failed", SLOW);
  const url = page.getByLabel("Server URL", { exact: true });
  await tabTo(page, url);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(env("E2E_NATS_WS"));
  await tabTo(page, button(page, "Connect"));
  await page.keyboard.press("Enter");
  await expectConnected(page);
});

test("keyboard only: start and stop the lab; the focus follows Start to Stop and back", async ({ page }) => {
  await openApp(page, env("E2E_NATS_WS"), "#/lab");
  await whenConnected(page);
  await tabTo(page, button(page, "Start"), { max: 60 });
  await page.keyboard.press("Enter");
  await expect(button(page, "Stop")).toBeEnabled(SLOW);
  await expect(button(page, "Stop")).toBeFocused();
  await expect.poll(() => shown(page, "lane-core-delivered"), SLOW).toBeGreaterThan(0);
  await page.keyboard.press("Enter");
  await expect(button(page, "Start")).toBeEnabled(SLOW);
  await expect(button(page, "Start")).toBeFocused();
});

test("keyboard only: open an exercise, edit, leave the editor with Ctrl+M, Run and Check", async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, env("E2E_NATS_WS"), "#/exercises");
  await whenConnected(page);
  await tabTo(page, page.locator(`a[href="#/exercises/${EXERCISE}"]`));
  await page.keyboard.press("Enter");
  const editor = page.getByTestId("code-editor");
  await expect(editor.locator(".monaco-editor .view-lines")).toBeVisible(SLOW);
  const hint = page.getByTestId("editor-tab-hint");
  await expect(hint).toContainText("Tab indents. Press Ctrl+M");
  // Into the editor: Tab past the toolbar.
  const inEditor = () => page.evaluate(() => document.activeElement?.closest(".monaco-editor") !== null);
  for (let i = 0; i < 20 && !(await inEditor()); i++) await page.keyboard.press("Tab");
  expect(await inEditor()).toBe(true);
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("// typed with the keyboard");
  await expect.poll(() => savedCode(page, EXERCISE), SLOW).toContain("// typed with the keyboard");
  // Tab inserts spaces in the editor until Ctrl+M makes it move the focus.
  await page.keyboard.press("Tab");
  expect(await inEditor()).toBe(true);
  await page.keyboard.press("Control+M");
  await expect(hint).toContainText("Tab moves the focus out of the editor");
  await page.keyboard.press("Shift+Tab");
  expect(await inEditor()).toBe(false);
  await tabTo(page, button(page, "Run"), { back: true });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("console")).toContainText("received:", { timeout: 40_000 });
  await expect(button(page, "Stop")).toBeDisabled();
  await tabTo(page, button(page, "Check"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("console")).toContainText(/\d+ of \d+ checks passed/, { timeout: 40_000 });
  await expect(page.getByTestId("check-results").locator("li").first()).toBeVisible();
});
