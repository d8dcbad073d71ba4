import { expect, test } from "@playwright/test";
import { createTrust } from "../support/jwt.ts";
import { startRecorder, type Recorder } from "../support/recorder.ts";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { button, env, fill, STORAGE_KEY } from "./app.ts";

// A ?server= link (or a typed URL) to another server than the one the token or credentials were given
// for: the page asks first and says why; until it is answered that server gets nothing (not even a
// connection) and is not saved; "without" connects with no token, no JWT and no signature.

let rec: Recorder;
let tokenServer: NatsServer;
test.beforeAll(async () => {
  rec = await startRecorder();
  tokenServer = await startNats({ token: "room-token" });
});
test.afterAll(async () => {
  await rec.close();
  await tokenServer.stop();
});

const savedServers = (page: import("@playwright/test").Page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}")?.state?.settings?.servers as string[], STORAGE_KEY);

test("a link to a stranger's server gets no token: asked first, nothing sent or saved, then nothing that logs in", async ({ page }) => {
  await page.goto(`${env("E2E_BASE_URL")}/?server=${encodeURIComponent(tokenServer.wsUrl)}#/connection`);
  await fill(page, "Token", "room-token");
  await button(page, "Connect").click();
  await expect(page.getByTestId("connection-state")).toHaveText("Connected");

  // The stranger's link, opened in the same browser.
  await page.goto(`${env("E2E_BASE_URL")}/?server=${encodeURIComponent(rec.url)}#/lab`);
  await expect(page.getByTestId("status-pill")).toHaveText("Confirm the server");
  await page.getByTestId("status-pill").click();
  const q = page.getByTestId("credentials-question");
  await expect(q).toContainText(`Send your token to ${rec.url}?`);
  await expect(q).toContainText(`was given for ${tokenServer.wsUrl}`);
  expect(rec.connections).toBe(0);
  expect(await savedServers(page)).toEqual([tokenServer.wsUrl]);

  // Without it: the stranger gets a CONNECT with nothing to log in with.
  await q.getByRole("button", { name: `Connect to ${rec.url} without it` }).click();
  await expect(page.getByTestId("connection-error")).toContainText("requires authentication");
  expect(rec.connects().length).toBeGreaterThan(0);
  for (const c of rec.connects()) {
    expect(c).not.toHaveProperty("auth_token");
    expect(c).not.toHaveProperty("sig");
  }
  expect(rec.received.join("\n")).not.toContain("room-token");

  // Back: the token still works where it belongs, and was never lost.
  await page.goto(`${env("E2E_BASE_URL")}/#/connection`);
  await page.getByLabel("Server URL", { exact: true }).fill(tokenServer.wsUrl);
  await button(page, "Connect").click();
  await expect(page.getByTestId("connection-state")).toHaveText("Connected");
});

test("a credentials file: the stranger's relayed nonce is never signed; 'Back' returns to the right server", async ({ page }) => {
  const trust = createTrust();
  const jwtServer = await startNats({ extraConfig: trust.serverConfig });
  try {
    await page.goto(`${env("E2E_BASE_URL")}/?server=${encodeURIComponent(jwtServer.wsUrl)}#/connection`);
    await page.getByLabel("Credentials file", { exact: true }).setInputFiles({
      name: "seat.creds",
      mimeType: "text/plain",
      buffer: Buffer.from(trust.creds()),
    });
    await button(page, "Connect").click();
    await expect(page.getByTestId("connection-state")).toHaveText("Connected");
    const before = rec.connects().length;

    await page.goto(`${env("E2E_BASE_URL")}/?server=${encodeURIComponent(rec.url)}#/connection`);
    const q = page.getByTestId("credentials-question");
    await expect(q).toContainText(`Send your credentials file to ${rec.url}?`);
    await expect(page.getByLabel("Server URL", { exact: true })).toHaveValue(rec.url);
    await q.getByRole("button", { name: `Back to ${jwtServer.wsUrl}` }).click();
    await expect(page.getByTestId("connection-state")).toHaveText("Connected");
    await expect(page.getByLabel("Server URL", { exact: true })).toHaveValue(jwtServer.wsUrl);
    expect(rec.connects().length).toBe(before);

    // Typing the stranger's address asks too; "without" sends no JWT and no signature.
    await page.getByLabel("Server URL", { exact: true }).fill(rec.url);
    await button(page, "Reconnect").click();
    await page
      .getByTestId("credentials-question")
      .getByRole("button", { name: /without it/ })
      .click();
    await expect(page.getByTestId("connection-error")).toContainText("requires authentication");
    const sent = rec.connects().slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const c of sent) {
      expect(c).not.toHaveProperty("jwt");
      expect(c).not.toHaveProperty("sig");
      expect(c).not.toHaveProperty("nkey");
    }
  } finally {
    await jwtServer.stop();
  }
});
