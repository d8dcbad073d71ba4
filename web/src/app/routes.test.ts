import { describe, expect, it } from "vitest";
import { menuRoutes, routeFromHash } from "./routes.ts";

describe("routes", () => {
  it("reads the section from the hash and lands unknown ones on the connection page", () => {
    expect(routeFromHash("#/lab")).toBe("lab");
    expect(routeFromHash("#exercises")).toBe("exercises");
    expect(routeFromHash("#/instructor/room-1")).toBe("instructor");
    expect(routeFromHash("")).toBe("connection");
    expect(routeFromHash("#/nowhere")).toBe("connection");
    expect(routeFromHash("#/join")).toBe("join");
  });

  it("shows the room's page in the menu only in a room; the join page is reached by its link", () => {
    expect(menuRoutes(false).map((r) => r.id)).toEqual(["connection", "lab", "exercises", "instructor"]);
    expect(menuRoutes(true).map((r) => r.id)).toEqual(["connection", "lab", "exercises", "room"]);
    expect(menuRoutes(true, true).map((r) => r.id)).toEqual(["connection", "lab", "exercises", "room", "instructor"]);
  });
});
