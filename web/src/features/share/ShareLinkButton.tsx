import { useEffect, useRef, useState } from "react";
import { appStore } from "../../app/store.ts";
import type { Exercise } from "../../exercises/loader.ts";
import { codeFragment, linkSize, scenarioFragment, shareUrl, type Made } from "./link.ts";

type Said = { tone: "ok" | "bad"; text: string; url?: string };

/**
 * "Share link": builds the link when pressed and copies it. Where the browser refuses the clipboard
 * (a page served over plain http from another machine has none), the link is shown selected instead.
 */
function ShareLinkButton({ make, label, testId }: { make: () => Made; label: string; testId: string }) {
  const [said, setSaid] = useState<Said | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (said?.url) field.current?.select();
  }, [said]);
  const share = async () => {
    const made = make();
    if (!made.ok) return setSaid({ tone: "bad", text: made.message });
    const url = shareUrl(window.location, made.fragment);
    const size = linkSize(url.length);
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      setSaid({ tone: "ok", text: `Link copied (${size}).` });
    } catch {
      setSaid({ tone: "ok", text: `The browser did not let the page copy the link (${size}): copy it from the field (Ctrl+C).`, url });
    }
  };
  return (
    <span className="share-link" data-testid={testId}>
      <button type="button" className="ghost" onClick={() => void share()} title={label}>
        Share link
      </button>
      <span
        role="status"
        className={said?.tone === "bad" ? "field-error share-link-said" : "muted share-link-said"}
        data-testid={`${testId}-said`}
      >
        {said?.text}
      </span>
      {said?.url && (
        <input
          ref={field}
          className="share-link-url"
          type="text"
          readOnly
          value={said.url}
          aria-label="Link to share"
          data-testid={`${testId}-url`}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </span>
  );
}

/** In the exercise toolbar: the code in the editor as a link. */
export function ShareCodeButton({ exercise }: { exercise: Exercise }) {
  return (
    <ShareLinkButton
      testId="share-code"
      label="A link that carries your code for this exercise"
      make={() => codeFragment(exercise.slug, appStore.getState().exerciseProgress[exercise.slug]?.code ?? exercise.starter)}
    />
  );
}

/** In the lab: the preset and settings as a link. */
export function ShareScenarioButton() {
  return (
    <ShareLinkButton
      testId="share-scenario"
      label="A link that carries the lab's preset and settings"
      make={() => scenarioFragment(appStore.getState().labConfig)}
    />
  );
}
