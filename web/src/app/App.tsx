import { ConnectionPanel } from "../features/connection/ConnectionPanel.tsx";
import { LabView } from "../features/lab/LabView.tsx";
import { Header } from "./Header.tsx";
import { Placeholder } from "./Placeholder.tsx";
import { useRoute } from "./routes.ts";

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <Header route={route} />
      <main className="main" id="main">
        {route === "connection" && <ConnectionPanel />}
        {route === "lab" && <LabView />}
        {route === "exercises" && (
          <Placeholder title="Exercises">
            Write and run NATS code in the browser against the live server, with automatic checks, hints and saved progress.
          </Placeholder>
        )}
        {route === "instructor" && (
          <Placeholder title="Instructor">Demo scenarios for the projector and a view of which participants are stuck.</Placeholder>
        )}
      </main>
    </div>
  );
}
