import { describe, expect, it } from "vitest";
import { exerciseSlugFromHash } from "../features/exercises/useHashPath.ts";
import { menuRoutes, routeFromHash } from "./routes.ts";

describe("routes", () => {
  it("reads the section from the hash and lands unknown ones on the start page", () => {
    expect(routeFromHash("#/lab")).toBe("lab");
    expect(routeFromHash("#exercises")).toBe("exercises");
    expect(routeFromHash("#/instructor/room-1")).toBe("instructor");
    expect(routeFromHash("")).toBe("start");
    expect(routeFromHash("#/nowhere")).toBe("start");
    expect(routeFromHash("#/connection")).toBe("connection");
    expect(routeFromHash("#/join")).toBe("join");
  });

  it("shows the room's page in the menu only in a room; the join page is reached by its link", () => {
    expect(menuRoutes(false).map((r) => r.id)).toEqual(["lab", "exercises", "instructor"]);
    expect(menuRoutes(true).map((r) => r.id)).toEqual(["lab", "exercises", "room"]);
    expect(menuRoutes(true, true).map((r) => r.id)).toEqual(["lab", "exercises", "room", "instructor"]);
  });

  it("ignores the ?… of a share link: the page and the exercise are read before it", () => {
    expect(routeFromHash("#/lab?scenario=N4Ig")).toBe("lab");
    expect(routeFromHash("#/exercises/02-subjects-and-requests?code=N4Ig+$-")).toBe("exercises");
    expect(exerciseSlugFromHash("#/exercises/02-subjects-and-requests?code=N4Ig+$-")).toBe("02-subjects-and-requests");
    expect(exerciseSlugFromHash("#exercises/01-hello-pubsub?code=x&y=1")).toBe("01-hello-pubsub");
    expect(exerciseSlugFromHash("#/exercises?code=x")).toBeNull();
    expect(exerciseSlugFromHash("#/exercises/%E0%A4?code=x")).toBe("%E0%A4");
  });
});
