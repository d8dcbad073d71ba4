import { expect, test } from "@playwright/test";
import { freePort } from "../../../scripts/lib/ports.ts";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { createTrust } from "../support/jwt.ts";
import { env, expectConnected, fill, openApp, state } from "./app.ts";

const servers: NatsServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
async function ownServer(opts: Parameters<typeof startNats>[0] = {}): Promise<NatsServer> {
  const s = await startNats(opts);
  servers.push(s);
  return s;
}

test("connects and shows the server, its version and JetStream", async ({ page }) => {
  await openApp(page);
  await expectConnected(page);
  await expect(page.getByTestId("server-version")).toHaveText(`nats-server ${env("E2E_NATS_VERSION")}`);
  await expect(page.getByTestId("server-name")).toHaveText("workshop");
  await expect(page.getByTestId("jetstream-status")).toHaveText("JetStream enabled");
  await expect(page.getByTestId("rtt")).toHaveText(/^\d+(\.\d+)? ms$/);
  await expect(page.getByTestId("status-pill")).toHaveText("Connected");
});

test("nothing listening at the URL: a clear message, no spinner", async ({ page }) => {
  const port = await freePort();
  await openApp(page, `ws://127.0.0.1:${port}`);
  await expect(state(page)).toHaveText("Connection failed");
  await expect(page.getByTestId("connection-error")).toContainText(`Could not open a NATS websocket at ws://127.0.0.1:${port}`);
  await expect(page.getByTestId("connection-error")).toContainText("no server is listening there");
});

test("the TCP port instead of the websocket port: the message names the mistake", async ({ page }) => {
  const s = await ownServer();
  await openApp(page, `ws://127.0.0.1:${s.ports.client}`);
  await expect(state(page)).toHaveText("Connection failed");
  await expect(page.getByTestId("connection-error")).toContainText("TCP client port");
  // Fixing the port in the form connects without a reload.
  await fill(page, "Server URL", s.wsUrl);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expectConnected(page);
});

test("port 4222 in the URL is caught at the field before connecting", async ({ page }) => {
  await openApp(page);
  await expectConnected(page);
  await fill(page, "Server URL", "ws://localhost:4222");
  await page.getByRole("button", { name: "Reconnect" }).first().click();
  await expect(page.getByText("Port 4222 is NATS' TCP port")).toBeVisible();
  await expect(page.getByLabel("Server URL", { exact: true })).toHaveValue("ws://localhost:4222");
});

test("a URL without a scheme gets a message at the field and keeps what was typed", async ({ page }) => {
  await openApp(page);
  await expectConnected(page);
  await fill(page, "Server URL", "localhost:9222");
  await page.getByRole("button", { name: "Reconnect" }).first().click();
  await expect(page.getByText("Add the scheme: ws://localhost:9222")).toBeVisible();
  await expect(page.getByLabel("Server URL", { exact: true })).toHaveValue("localhost:9222");
});

test("missing and wrong token are told apart; the right one connects", async ({ page }) => {
  const s = await ownServer({ token: "s3cret-workshop" });
  await openApp(page, s.wsUrl);
  await expect(state(page)).toHaveText("Connection failed");
  await expect(page.getByTestId("connection-error")).toHaveText(/requires authentication/);

  await fill(page, "Token", "wrong-token");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("connection-error")).toHaveText(/refused the token/);

  await fill(page, "Token", "s3cret-workshop");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expectConnected(page);
  // The token is never shown in plain text.
  await expect(page.getByLabel("Token", { exact: true })).toHaveAttribute("type", "password");
  await expect(page.locator("body")).not.toContainText("s3cret-workshop");
});

test("a JWT credentials file connects; a malformed one is refused at the field", async ({ page }) => {
  const trust = createTrust();
  const s = await ownServer({ extraConfig: trust.serverConfig });
  await openApp(page, s.wsUrl);
  await expect(page.getByTestId("connection-error")).toHaveText(/requires authentication/);
  const file = page.getByLabel("Credentials file", { exact: true });
  await file.setInputFiles({ name: "broken.creds", mimeType: "text/plain", buffer: Buffer.from("not a creds file") });
  await expect(page.getByText("broken.creds: This is not a NATS credentials file")).toBeVisible();
  const creds = trust.creds("alice");
  await file.setInputFiles({ name: "alice.creds", mimeType: "text/plain", buffer: Buffer.from(creds) });
  await expect(page.getByText("Using alice.creds.")).toBeVisible();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expectConnected(page);
  await expect(page.getByTestId("jetstream-status")).toHaveText("JetStream enabled");
  // The secret seed is never shown.
  const seed = /^SU[A-Z2-7]+$/m.exec(creds)?.[0] ?? "missing seed";
  await expect(page.locator("body")).not.toContainText(seed);
});

test("a server without JetStream: connected, and JetStream says why it is off", async ({ page }) => {
  const s = await ownServer({ jetstream: false });
  await openApp(page, s.wsUrl);
  await expectConnected(page);
  await expect(page.getByTestId("jetstream-status")).toContainText("JetStream disabled");
  await expect(page.getByTestId("jetstream-status")).toContainText("JetStream is not enabled on this server");
});

test("server stopped while connected: reconnecting with attempts, then connected again", async ({ page }) => {
  const s = await ownServer();
  await openApp(page, s.wsUrl);
  await expectConnected(page);
  await s.kill();
  await expect(state(page)).toHaveText(/Reconnecting \(attempt \d of 5\)|Connection lost, reconnecting/);
  await expect(state(page)).toHaveText(/Reconnecting \(attempt [1-5] of 5\)/);
  await s.restart();
  await expect(state(page)).toHaveText("Connected", { timeout: 20_000 });
  await expect(page.getByTestId("jetstream-status")).toHaveText("JetStream enabled");
});

test("attempts spent: 'gave up' with a reconnect action that works", async ({ page }) => {
  const s = await ownServer();
  // Start from a failed connection so that "Connected" below can only come from the new policy.
  await openApp(page, `ws://127.0.0.1:${await freePort()}`);
  await expect(state(page)).toHaveText("Connection failed");
  await fill(page, "Server URL", s.wsUrl);
  await page.getByText("Reconnect policy").click();
  await fill(page, "Max reconnects", "2");
  await fill(page, "Reconnect wait (s)", "1");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expectConnected(page);

  await s.kill();
  await expect(state(page)).toHaveText("Disconnected, gave up", { timeout: 15_000 });
  await expect(page.getByTestId("connection-error")).toContainText("Gave up after 2 reconnect attempts");
  await expect(page.getByTestId("status-pill")).toHaveText("Disconnected, gave up");

  await s.restart();
  await page.getByRole("status").getByRole("button", { name: "Reconnect" }).click();
  await expectConnected(page);
});

test("settings survive a reload", async ({ page }) => {
  const s = await ownServer({ token: "keep-me" });
  await page.goto(`${env("E2E_BASE_URL")}/#/connection`);
  await fill(page, "Server URL", s.wsUrl);
  await fill(page, "Token", "keep-me");
  await page
    .getByRole("button", { name: /Connect|Reconnect/ })
    .first()
    .click();
  await expectConnected(page);
  await page.reload();
  await expect(page.getByLabel("Server URL", { exact: true })).toHaveValue(s.wsUrl);
  await expectConnected(page);
});

test("navigation shows every section", async ({ page }) => {
  await openApp(page);
  for (const name of ["Lab", "Exercises", "Instructor"]) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByTestId("status-pill")).toHaveText("Connected");
  }
});
