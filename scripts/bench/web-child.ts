// The launcher's web server alone in a process, so the room-scale benchmark can read its CPU time.
import path from "node:path";
import { REPO_ROOT } from "../nats/launcher.ts";
import { startWebServer } from "../web/serve.ts";

const web = await startWebServer({ dist: path.join(REPO_ROOT, "dist"), host: "127.0.0.1", port: 0 });
process.stdout.write(`ready ${web.port}\n`);
process.on("SIGTERM", () => void web.close().then(() => process.exit(0)));
