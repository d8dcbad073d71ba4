import { lazy, Suspense } from "react";
import { ConnectionPanel } from "../features/connection/ConnectionPanel.tsx";
import { CredentialsQuestionBanner } from "../features/connection/CredentialsQuestion.tsx";
import { LabView } from "../features/lab/LabView.tsx";
import { JoinPage } from "../features/room/JoinPage.tsx";
import { RoomBanner } from "../features/room/RoomBanner.tsx";
import { RoomMessages } from "../features/room/RoomMessages.tsx";
import { ShareLinkQuestion } from "../features/share/ShareLinkQuestion.tsx";
import { StartPage } from "../features/start/StartPage.tsx";
import { SaveProblemBanner } from "../features/storage/SaveProblemBanner.tsx";
import { Header } from "./Header.tsx";
import { usePresenterKeys } from "../features/presenter/usePresenterKeys.ts";
import { useRoute } from "./routes.ts";
import { useAppStore } from "./store.ts";

// The exercises (and Monaco behind them) load when that page opens, not with the app.
const ExercisesPage = lazy(() => import("../features/exercises/ExercisesPage.tsx"));
// The room page (and its QR code library) only for whoever opens it.
const RoomPage = lazy(() => import("../features/room/RoomPage.tsx"));
// The instructor's page (with every exercise's solution) only in the instructor's browser.
const InstructorPage = lazy(() => import("../features/instructor/InstructorPage.tsx"));

export function App() {
  const route = useRoute();
  const presenting = useAppStore((s) => s.presenting);
  usePresenterKeys(presenting);
  return (
    <div className="app">
      <Header route={route} />
      <main className="main" id="main">
        {route !== "connection" && <CredentialsQuestionBanner />}
        <RoomBanner route={route} />
        <SaveProblemBanner />
        <RoomMessages />
        <ShareLinkQuestion />
        {route === "start" && <StartPage />}
        {route === "connection" && <ConnectionPanel />}
        {route === "join" && <JoinPage />}
        {route === "room" && (
          <Suspense fallback={<p className="muted">Loading the room…</p>}>
            <RoomPage />
          </Suspense>
        )}
        {route === "lab" && <LabView />}
        {route === "exercises" && (
          <Suspense fallback={<p className="muted">Loading the exercises…</p>}>
            <ExercisesPage />
          </Suspense>
        )}
        {route === "instructor" && (
          <Suspense fallback={<p className="muted">Loading the instructor's view…</p>}>
            <InstructorPage />
          </Suspense>
        )}
      </main>
    </div>
  );
}
