import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { credsProblem, splitServers, validateSettings } from "../../nats/settings.ts";
import { describeStatus } from "./describe.ts";
import { NumberField } from "../../shared/NumberField.tsx";
import { ConnectionDetails } from "./ConnectionDetails.tsx";
import { CredentialsQuestion } from "./CredentialsQuestion.tsx";

/** Server URL(s), token, credentials file and reconnect policy; connect/disconnect; live status. */
export function ConnectionPanel() {
  const { settings, credsFileName, seat, status, fieldErrors, updateSettings, connect, disconnect } = useAppStore(
    useShallow((s) => ({
      settings: s.settings,
      credsFileName: s.credsFileName,
      seat: s.seat,
      status: s.status,
      fieldErrors: s.fieldErrors,
      updateSettings: s.updateSettings,
      connect: s.connect,
      disconnect: s.disconnect,
    })),
  );
  // The URL field keeps exactly what was typed (commas, spaces) until it is parsed on change; servers
  // set elsewhere (joining a room, "Back to …") replace it.
  const joined = settings.servers.join(", ");
  const [serversText, setServersText] = useState(joined);
  const [shownServers, setShownServers] = useState(joined);
  if (joined !== shownServers) {
    setShownServers(joined);
    if (splitServers(serversText).join(", ") !== joined) setServersText(joined);
  }
  const [credsError, setCredsError] = useState<string | null>(null);
  const ids = { servers: useId(), token: useId(), creds: useId() };
  const busy = status.state === "connecting";
  const live = status.state === "connected" || status.state === "reconnecting";
  const { label, tone } = describeStatus(status);
  // Numbers are checked as they are typed; the rest when Connect is pressed.
  const typed = validateSettings(settings);
  // The server refusing the token or credentials is news for the field that holds them, until they
  // are changed: new ones have not been refused yet.
  const [authEdited, setAuthEdited] = useState(false);
  const refused = status.state === "failed" && status.error?.kind === "auth" && !authEdited ? status.error.message : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setAuthEdited(false);
    void connect();
  };

  const onCredsFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    const problem = credsProblem(text);
    setCredsError(problem ? `${file.name}: ${problem}` : null);
    if (!problem) {
      setAuthEdited(true);
      updateSettings({ creds: text }, file.name);
    }
  };

  return (
    <div className="connection-page">
      <section className="card connection" aria-labelledby="connection-title">
        <h1 id="connection-title">Connection</h1>
        <p className="muted">The playground talks to a real nats-server over WebSockets, straight from this browser.</p>
        <form onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor={ids.servers}>Server URL</label>
            <input
              id={ids.servers}
              value={serversText}
              spellCheck={false}
              autoComplete="url"
              placeholder="ws://localhost:9222"
              aria-invalid={fieldErrors.servers ? true : undefined}
              aria-describedby={`${ids.servers}-help`}
              onChange={(e) => {
                setServersText(e.target.value);
                updateSettings({ servers: splitServers(e.target.value) });
              }}
            />
            <FieldMessage id={`${ids.servers}-help`} error={fieldErrors.servers}>
              The websocket port (9222 here), not the TCP port 4222. Separate several servers with commas.
            </FieldMessage>
          </div>
          <CredentialsQuestion />
          <div className="field">
            <label htmlFor={ids.token}>Token</label>
            <input
              id={ids.token}
              type="password"
              value={settings.token ?? ""}
              autoComplete="off"
              spellCheck={false}
              placeholder="none"
              aria-invalid={fieldErrors.token ? true : undefined}
              aria-describedby={`${ids.token}-help`}
              onChange={(e) => {
                setAuthEdited(true);
                updateSettings({ token: e.target.value });
              }}
            />
            <FieldMessage id={`${ids.token}-help`} error={fieldErrors.token ?? (settings.creds ? undefined : refused)}>
              Only if the server asks for one. Tokens are deprecated in favour of credentials files, as in the seed project.
            </FieldMessage>
          </div>
          <div className="field">
            <label htmlFor={ids.creds}>Credentials file</label>
            <div className="row">
              <input id={ids.creds} type="file" accept=".creds,text/plain" onChange={(e) => void onCredsFile(e.target.files?.[0])} />
              {credsFileName && !seat && (
                <button
                  type="button"
                  className="ghost"
                  onClick={() => {
                    setAuthEdited(true);
                    updateSettings({ creds: undefined }, null);
                  }}
                >
                  Remove {credsFileName}
                </button>
              )}
            </div>
            <FieldMessage id={`${ids.creds}-help`} error={credsError ?? fieldErrors.creds ?? (settings.creds ? refused : undefined)}>
              {seat && settings.creds === seat.creds ? (
                <>
                  Using the credentials of your seat ({seat.seat}); <a href="#/join">leave the seat</a> to give them back.
                </>
              ) : credsFileName ? (
                `Using ${credsFileName}.`
              ) : (
                "A .creds file with a user JWT and seed (NATS_CREDS in the seed project)."
              )}
            </FieldMessage>
          </div>
          <details className="advanced">
            <summary>Reconnect policy</summary>
            <div className="row">
              <NumberField
                label="Max reconnects"
                value={settings.maxReconnects}
                draftKey="connection.maxReconnects"
                error={fieldErrors.maxReconnects ?? typed.maxReconnects}
                help="-1 retries forever. Seed default: 5."
                onValue={(maxReconnects) => updateSettings({ maxReconnects })}
              />
              <NumberField
                label="Reconnect wait (s)"
                value={settings.reconnectWaitSeconds}
                draftKey="connection.reconnectWait"
                error={fieldErrors.reconnectWaitSeconds ?? typed.reconnectWaitSeconds}
                help="Seed default: 5."
                onValue={(reconnectWaitSeconds) => updateSettings({ reconnectWaitSeconds })}
              />
            </div>
          </details>
          <div className="row actions">
            <button type="submit" className="primary" disabled={busy}>
              {live ? "Reconnect" : "Connect"}
            </button>
            <button type="button" onClick={() => void disconnect()} disabled={status.state === "idle" || status.state === "failed"}>
              Disconnect
            </button>
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="status-title">
        <h2 id="status-title">Status</h2>
        <div className={`status tone-${tone}`} role="status" aria-live="polite">
          <span className="dot" aria-hidden="true" />
          <strong data-testid="connection-state">{label}</strong>
          {status.state === "gave-up" && (
            <button type="button" className="primary" onClick={() => void connect()}>
              Reconnect
            </button>
          )}
        </div>
        {status.error && (
          <p className="error" role="alert" data-testid="connection-error">
            {status.error.message}
          </p>
        )}
        <ConnectionDetails status={status} />
      </section>
    </div>
  );
}

function FieldMessage({ id, error, children }: { id: string; error?: string | null; children: ReactNode }) {
  return error ? (
    <p id={id} className="field-error" role="alert">
      {error}
    </p>
  ) : (
    <p id={id} className="help">
      {children}
    </p>
  );
}
