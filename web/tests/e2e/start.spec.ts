import { expect, test } from "@playwright/test";
import { env, STORAGE_KEY, whenConnected } from "./app.ts";

// A newcomer handed a link: the page says what this is and where to begin; the settings for whoever
// runs the server are one click away, behind the status pill.

test("a fresh browser opens the start page with three doors; the connection details are behind the status pill", async ({ page }) => {
  await page.goto(`${env("E2E_BASE_URL")}/?server=${encodeURIComponent(env("E2E_NATS_WS"))}`);
  await expect(page.getByRole("heading", { level: 1, name: "Learn event processing with NATS, on a real server" })).toBeVisible();
  const doors = page.getByRole("list", { name: "Where to begin" }).getByRole("listitem");
  await expect(doors.getByRole("heading", { level: 2 })).toHaveText(["I'm a participant", "Explore the lab", "I run the workshop"]);
  await whenConnected(page);
  await expect(page.getByTestId("start-status")).toContainText(`(nats-server ${env("E2E_NATS_VERSION")}, JetStream on)`);
  // Nothing on the page asks for a token or a reconnect policy; the menu has no Connection entry.
  await expect(page.getByLabel("Token")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connection" })).toHaveCount(0);

  await page.getByTestId("status-pill").click();
  await expect(page).toHaveURL(/#\/connection$/);
  await expect(page.getByLabel("Server URL", { exact: true })).toHaveValue(env("E2E_NATS_WS"));
  await expect(page.getByTestId("status-pill")).toHaveAttribute("aria-current", "page");

  // The brand leads back; the participant's door opens exercise 1 when nothing is started.
  await page.getByRole("link", { name: "NATS Workshop Playground" }).click();
  await page.getByTestId("door-participant").click();
  await expect(page).toHaveURL(/#\/exercises\/01-/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello");

  await page.goBack();
  await page.getByTestId("door-lab").click();
  await expect(page.getByRole("heading", { level: 1, name: "Lab" })).toBeVisible();
  await page.goBack();
  // Solo, "I run the workshop" explains how to start a room.
  await page.getByTestId("door-run").click();
  await expect(page.getByText("npm start -- --room 30")).toBeVisible();
});

test("the participant's door continues with the first exercise not complete", async ({ page }) => {
  await page.addInitScript(
    ([key]) => {
      if (localStorage.getItem(key as string)) return;
      const done = { completed: true, completedAt: 1 };
      localStorage.setItem(
        key as string,
        JSON.stringify({ state: { exerciseProgress: { "01-hello-pubsub": done, "02-subjects-and-requests": done } }, version: 0 }),
      );
    },
    [STORAGE_KEY],
  );
  await page.goto(`${env("E2E_BASE_URL")}/?server=${encodeURIComponent(env("E2E_NATS_WS"))}#/`);
  await expect(page.getByTestId("door-participant")).toHaveText("Continue with exercise 3 →");
  await page.getByTestId("door-participant").click();
  await expect(page).toHaveURL(/#\/exercises\/03-/);
});

test("a server that cannot be reached is said on the start page, with the way to the details", async ({ page }) => {
  await page.goto(`${env("E2E_BASE_URL")}/?server=${encodeURIComponent("ws://127.0.0.1:1")}`);
  await expect(page.getByTestId("start-status")).toContainText("Connection failed", { timeout: 30_000 });
  await page.getByTestId("start-status").getByRole("link", { name: "Connection details" }).click();
  await expect(page.getByLabel("Server URL", { exact: true })).toHaveValue("ws://127.0.0.1:1");
});
