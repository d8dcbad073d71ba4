import { expect, test, type Locator, type Page } from "@playwright/test";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { env, expectConnected, openApp, whenConnected } from "./app.ts";

// Fault suite, item 8: bad input everywhere a user types. Each bad value gets a specific sentence at
// its own field (not somewhere else on the page), the page never throws, and what was typed stays in
// the field, also after switching to another view and back.

const servers: NatsServer[] = [];
const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on("pageerror", (e) => pageErrors.push(e.message));
});
test.afterEach(async () => {
  expect(pageErrors, "uncaught errors in the page").toEqual([]);
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function ownServer(opts: Parameters<typeof startNats>[0]): Promise<NatsServer> {
  const s = await startNats(opts);
  servers.push(s);
  return s;
}

/** The field (label, control, message) whose label is exactly `label`, optionally inside `scope`. */
const field = (scope: Page | Locator, label: string) => {
  const page = "page" in scope ? scope.page() : scope;
  return scope.locator(".field").filter({ has: page.locator("label").getByText(label, { exact: true }) });
};
const input = (scope: Page | Locator, label: string) => field(scope, label).locator("input, textarea");
const message = (scope: Page | Locator, label: string) => field(scope, label).locator(".field-error");

/** Types `value` into the field and expects `expected` at that very field, with the text kept. */
async function typeBad(scope: Page | Locator, label: string, value: string, expected: string | RegExp): Promise<void> {
  await input(scope, label).fill(value);
  await expect(message(scope, label)).toHaveText(expected);
  await expect(input(scope, label)).toHaveValue(value);
  await expect(input(scope, label)).toHaveAttribute("aria-invalid", "true");
}

/** The menu's sections; the connection details are behind the status pill. */
async function goTo(page: Page, view: "Connection" | "Lab" | "Exercises"): Promise<void> {
  if (view === "Connection") await page.getByTestId("status-pill").click();
  else await page.getByRole("navigation").getByRole("link", { name: view, exact: true }).click();
}

const connect = (page: Page) => page.getByRole("button", { name: "Connect", exact: true }).click();

test("connection panel: server URL, token, credentials file and reconnect numbers", async ({ page }) => {
  const s = await ownServer({ token: "s3cret-workshop" });
  await openApp(page, s.wsUrl);
  // Opened without a token: the refusal shows at the token field.
  await expect(message(page, "Token")).toHaveText("The server requires authentication: enter its token or choose a credentials file.");

  const url = input(page, "Server URL");
  const urls: [string, string][] = [
    ["", "Enter a server URL, for example ws://localhost:9222."],
    [`127.0.0.1:${s.ports.ws}`, `Add the scheme: ws://127.0.0.1:${s.ports.ws}. Without it the client assumes wss:// on port 443.`],
    ["ws://127.0.0.1:4222", "Port 4222 is NATS' TCP port, which browsers cannot use; the websocket port is usually 9222."],
    [
      `nats://127.0.0.1:${s.ports.client}`,
      "nats:// is for programs using TCP; a browser needs the websocket port, e.g. ws://localhost:9222.",
    ],
    [`http://127.0.0.1:${s.ports.ws}`, "Use ws:// instead of http://: the browser talks to NATS over a WebSocket."],
    ["ws://local host:9222", '"ws://local host:9222" contains spaces; separate several servers with commas.'],
  ];
  for (const [typed, expected] of urls) {
    await url.fill(typed);
    await connect(page);
    await expect(message(page, "Server URL")).toHaveText(expected);
    await expect(url).toHaveValue(typed);
  }
  // Kept across views, message included.
  await goTo(page, "Lab");
  await goTo(page, "Connection");
  await expect(url).toHaveValue("ws://local host:9222");
  await expect(message(page, "Server URL")).toHaveText('"ws://local host:9222" contains spaces; separate several servers with commas.');
  await url.fill(s.wsUrl);

  await input(page, "Token").fill("two words");
  await connect(page);
  await expect(message(page, "Token")).toHaveText("A token cannot contain spaces or line breaks.");
  await expect(input(page, "Token")).toHaveValue("two words");
  await input(page, "Token").fill("wrong-token");
  await connect(page);
  await expect(message(page, "Token")).toHaveText("The server refused the token or credentials: check them with your instructor.");
  await expect(input(page, "Token")).toHaveValue("wrong-token");

  const creds = input(page, "Credentials file");
  await creds.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("just some notes") });
  await expect(message(page, "Credentials file")).toHaveText(
    'notes.txt: This is not a NATS credentials file: it has no "BEGIN NATS USER JWT" section.',
  );
  const jwtOnly = "-----BEGIN NATS USER JWT-----\neyJhbGciOiJlZDI1NTE5In0.e30.c2ln\n------END NATS USER JWT------\n";
  await creds.setInputFiles({ name: "half.creds", mimeType: "text/plain", buffer: Buffer.from(jwtOnly) });
  await expect(message(page, "Credentials file")).toHaveText(
    'half.creds: The credentials file has a JWT but no user seed ("BEGIN USER NKEY SEED", starting with SU).',
  );

  await page.getByText("Reconnect policy").click();
  await typeBad(page, "Max reconnects", "-5", "Max reconnects must be between 0 and 1000. (-1 retries forever.)");
  await typeBad(page, "Max reconnects", "99999999999", "Max reconnects must be between 0 and 1000. (-1 retries forever.)");
  await typeBad(page, "Max reconnects", "2.5", "Max reconnects must be a whole number. (-1 retries forever.)");
  await typeBad(page, "Max reconnects", "many", '"many" is not a number.');
  await typeBad(page, "Reconnect wait (s)", "0", "Reconnect wait must be between 1 and 600.");
  await typeBad(page, "Reconnect wait (s)", "1e400", '"1e400" is too large to be used.');
  await typeBad(page, "Reconnect wait (s)", "", "Enter a number.");
  await goTo(page, "Lab");
  await goTo(page, "Connection");
  await page.getByText("Reconnect policy").click();
  await expect(input(page, "Max reconnects")).toHaveValue("many");
  await expect(message(page, "Max reconnects")).toHaveText('"many" is not a number.');
  await expect(input(page, "Reconnect wait (s)")).toHaveValue("");
  await expect(message(page, "Reconnect wait (s)")).toHaveText("Enter a number.");

  // Putting it right connects: nothing above broke the page.
  await input(page, "Max reconnects").fill("5");
  await input(page, "Reconnect wait (s)").fill("2");
  await input(page, "Token").fill("s3cret-workshop");
  await connect(page);
  await expectConnected(page);
  await expect(page.locator(".connection .field-error")).toHaveCount(0);
});

test("lab producer: negative, huge and non-numeric rates, sizes and counts", async ({ page }) => {
  await openApp(page, env("E2E_NATS_WS"), "#/lab");
  await whenConnected(page);
  const rate = "The rate must be a number from 1 to 50,000 events per second.";
  await typeBad(page, "Rate (events/s)", "fast", '"fast" is not a number.');
  await typeBad(page, "Rate (events/s)", "-5", rate);
  await typeBad(page, "Rate (events/s)", "1e9", rate);
  await typeBad(page, "Rate (events/s)", "1e999", '"1e999" is too large to be used.');
  await typeBad(page, "Rate (events/s)", "", "Enter a number.");
  const size = "The payload size must be a whole number of bytes from 0 to 65536.";
  await typeBad(page, "Payload (bytes)", "-1", size);
  await typeBad(page, "Payload (bytes)", "1.5", size);
  await typeBad(page, "Payload (bytes)", "100000000", size);
  await typeBad(page, "Retries (%)", "95", "The retry share must be between 0 % and 90 %.");
  await typeBad(page, "Retries (%)", "-1", "The retry share must be between 0 % and 90 %.");
  await typeBad(page, "Retries (%)", "ten", '"ten" is not a number.');
  await typeBad(page, "Number of events", "0", "The number of events must be a whole number above 0.");
  await typeBad(page, "Number of events", "2.5", "The number of events must be a whole number above 0.");
  await typeBad(page, "Number of events", "-3", "The number of events must be a whole number above 0.");

  // Another view and back: every refused text is still there, with its message.
  await goTo(page, "Connection");
  await goTo(page, "Lab");
  const kept: [string, string, string][] = [
    ["Rate (events/s)", "", "Enter a number."],
    ["Payload (bytes)", "100000000", size],
    ["Retries (%)", "ten", '"ten" is not a number.'],
    ["Number of events", "-3", "The number of events must be a whole number above 0."],
  ];
  for (const [label, value, expected] of kept) {
    await expect(input(page, label)).toHaveValue(value);
    await expect(message(page, label)).toHaveText(expected);
  }
});

test("lane settings: duplicate window beyond max age, negative waits, bad max deliver and failure rate", async ({ page }) => {
  await openApp(page, env("E2E_NATS_WS"), "#/lab");
  await whenConnected(page);
  const lane = (id: string) => page.getByTestId(`lane-${id}`);
  for (const id of ["jetstream", "dedupe", "durable"]) await lane(id).locator("summary", { hasText: "Settings" }).click();

  const window = "The duplicate window must be from 0.1 s to 120 min (the stream's max age).";
  await typeBad(lane("dedupe"), "Duplicate window (s)", "7201", window);
  await typeBad(lane("dedupe"), "Duplicate window (s)", "0", window);
  await typeBad(lane("dedupe"), "Duplicate window (s)", "-30", window);
  await typeBad(lane("dedupe"), "Duplicate window (s)", "2 min", '"2 min" is not a number.');
  await typeBad(lane("jetstream"), "Inactive threshold (s)", "0.5", "The inactive threshold must be at least 1 s.");
  await typeBad(lane("durable"), "Ack wait (s)", "-1", "Ack wait must be at least 0.1 s.");
  await typeBad(lane("durable"), "Max deliver", "0", "Max deliver must be -1 (no limit) or a whole number from 1.");
  await typeBad(lane("durable"), "Max deliver", "2.5", "Max deliver must be -1 (no limit) or a whole number from 1.");
  await typeBad(lane("durable"), "Failure rate (%)", "150", "The failure rate must be from 0 % to 100 %.");
  await typeBad(lane("durable"), "Inactive threshold (s)", "1e400", '"1e400" is too large to be used.');

  await goTo(page, "Exercises");
  await goTo(page, "Lab");
  for (const id of ["jetstream", "dedupe", "durable"]) await lane(id).locator("summary", { hasText: "Settings" }).click();
  await expect(input(lane("dedupe"), "Duplicate window (s)")).toHaveValue("2 min");
  await expect(message(lane("dedupe"), "Duplicate window (s)")).toHaveText('"2 min" is not a number.');
  await expect(input(lane("durable"), "Failure rate (%)")).toHaveValue("150");
  await expect(input(lane("durable"), "Max deliver")).toHaveValue("2.5");
  // Refused values never reached the settings: the summary still shows the defaults.
  await expect(lane("dedupe").locator("summary")).toContainText("window 2 min");
});

test("publish one event: bad subjects, an oversized payload and a bad Nats-Msg-Id, then real publishes", async ({ page }) => {
  test.setTimeout(90_000);
  // A small max_payload makes "too large" easy to type; the page learns it from the server's INFO.
  const s = await ownServer({ extraConfig: "max_payload: 2048" });
  await openApp(page, s.wsUrl, "#/lab");
  await whenConnected(page);
  const pid = (await page.getByTestId("lab-pid").textContent()) ?? "";
  const form = page.locator(".lab-publish");
  const result = page.getByTestId("publish-one-result");

  await typeBad(
    form,
    "Subject",
    "",
    "Enter a subject inside your namespace, for example core.events (sent to lab." + pid + ".core.events).",
  );
  await typeBad(form, "Subject", "core.*", /"core\.\*" contains a wildcard \(\* or >\)/);
  await typeBad(form, "Subject", "core.>", /"core\.>" contains a wildcard/);
  await typeBad(
    form,
    "Subject",
    "core events",
    '"core events" contains a space or line break; subjects are dot-separated words without spaces.',
  );
  await typeBad(form, "Subject", "a..b", '"a..b" has an empty part (a leading, trailing or double dot).');
  await typeBad(form, "Subject", ".core", '".core" has an empty part (a leading, trailing or double dot).');
  await typeBad(form, "Subject", "core.", '"core." has an empty part (a leading, trailing or double dot).');
  await typeBad(form, "Nats-Msg-Id (optional)", " id-1", /" id-1" starts or ends with a space/);
  await typeBad(
    form,
    "Payload",
    "x".repeat(3000),
    "The payload is 3,000 bytes, but this server accepts at most 2,048 bytes per message (its max_payload).",
  );
  // Publish with problems: nothing is sent, the problems stay at their fields.
  await form.getByRole("button", { name: "Publish" }).click();
  await expect(message(form, "Subject")).toHaveText('"core." has an empty part (a leading, trailing or double dot).');
  await expect(result).toHaveText("");

  // Across views the draft stays.
  await goTo(page, "Connection");
  await goTo(page, "Lab");
  await expect(input(form, "Subject")).toHaveValue("core.");
  await expect(input(form, "Payload")).toHaveValue("x".repeat(3000));
  await expect(input(form, "Nats-Msg-Id (optional)")).toHaveValue(" id-1");

  // Within max_payload by itself, over it with the headers: the check on the connection refuses it at the field.
  await input(form, "Subject").fill("core.events");
  await input(form, "Nats-Msg-Id (optional)").fill("");
  await input(form, "Payload").fill("y".repeat(2040));
  await expect(message(form, "Payload")).toHaveCount(0);
  await form.getByRole("button", { name: "Publish" }).click();
  await expect(message(form, "Payload")).toHaveText(
    /but this server accepts at most 2048 bytes .* \(its max_payload\): send less data per message\. Nothing was sent\./,
  );
  await expect(input(form, "Payload")).toHaveValue("y".repeat(2040));

  // Real publishes with the dedupe lane running: stored, delivered to that lane; the same id again is a duplicate.
  for (const id of ["core", "jetstream", "durable"]) await page.getByTestId(`lane-${id}`).getByRole("switch").uncheck();
  await input(page, "Rate (events/s)").fill("2");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("lane-dedupe-state")).toHaveAttribute("data-state", "running", { timeout: 30_000 });
  await input(form, "Subject").fill("dedupe.events");
  await input(form, "Payload").fill('{"id":"manual-1","amountCents":100}');
  await input(form, "Nats-Msg-Id (optional)").fill("manual-1");
  await form.getByRole("button", { name: "Publish" }).click();
  const stream = `LAB_${pid.toUpperCase()}_DEDUPE`;
  await expect(result).toHaveText(new RegExp(`^Stored in ${stream} as message \\d+\\. Delivered to: JetStream \\+ dedupe\\.$`), {
    timeout: 15_000,
  });
  const seq = /as message (\d+)/.exec((await result.textContent()) ?? "")?.[1];
  await form.getByRole("button", { name: "Publish" }).click();
  await expect(result).toHaveText(`Duplicate: ${stream} already holds this Nats-Msg-Id (as message ${seq}), so it was not stored again.`, {
    timeout: 15_000,
  });
  // A subject no lane and no stream listens on: core NATS, and the form says nobody got it.
  await input(form, "Subject").fill(`lab.${pid}.nobody.home`);
  await form.getByRole("button", { name: "Publish" }).click();
  await expect(result).toHaveText(
    "Published with core NATS: no stream captures this subject, so nothing stored it. No running lane listens on this subject.",
    {
      timeout: 15_000,
    },
  );
  // The server's own count: the first publish stored, the duplicate not.
  const jsz = (await (await fetch(`${s.monitorUrl}/jsz?streams=true`)).json()) as {
    account_details?: { stream_detail?: { name: string; state: { last_seq: number } }[] }[];
  };
  const last = (jsz.account_details ?? []).flatMap((a) => a.stream_detail ?? []).find((x) => x.name === stream)?.state.last_seq ?? 0;
  expect(last).toBeGreaterThanOrEqual(Number(seq));
  await page.getByRole("button", { name: "Stop", exact: true }).click();
});
