import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { appStore, reportRoomProgress, startConnectionOnLoad } from "./app/store.ts";
import { watchActivity } from "./features/room/activity.ts";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
reportRoomProgress(appStore);
watchActivity((active) => appStore.getState().reportActivity(active));
void startConnectionOnLoad(appStore);
// A hidden tab needs no snapshots (a frozen one would queue them all); shown again, it gets a fresh one.
document.addEventListener("visibilitychange", () => appStore.getState().labSetVisible(document.visibilityState === "visible"));
