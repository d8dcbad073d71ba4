import { describe, expect, it } from "vitest";
import { routeFromHash } from "./routes.ts";

describe("routes", () => {
  it("reads the section from the hash and lands unknown ones on the connection page", () => {
    expect(routeFromHash("#/lab")).toBe("lab");
    expect(routeFromHash("#exercises")).toBe("exercises");
    expect(routeFromHash("#/instructor/room-1")).toBe("instructor");
    expect(routeFromHash("")).toBe("connection");
    expect(routeFromHash("#/nowhere")).toBe("connection");
  });
});
