import type { LaneId } from "../contract/modes/index.ts";
import type { EngineMode } from "./modes/shared.ts";

/** The engine file of a lane's mode, found by its id: web/src/lab/engine/modes/<id>.ts exporting `mode`. */
export async function loadMode(id: LaneId): Promise<EngineMode> {
  const m = (await import(`./modes/${id}.ts`)) as { mode?: EngineMode };
  if (!m.mode) throw new Error(`The lab mode "${id}" has no engine file (web/src/lab/engine/modes/${id}.ts exporting "mode").`);
  return m.mode;
}
